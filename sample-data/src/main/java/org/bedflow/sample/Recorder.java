package org.bedflow.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.bedflow.schemas.feed.ApcAdmission;
import org.bedflow.schemas.feed.ApcDischarge;
import org.bedflow.schemas.feed.OptOut;
import org.bedflow.schemas.feed.SocialCareEvent;

/**
 * Turns simulated spells and care events into extract rows the way real systems record them:
 * NHS numbers sometimes missing or mistyped, residence sometimes only as an LSOA or not at all,
 * the new unitary codes on about half the in-county rows after vesting, ICD-10 and OPCS-4 codes
 * in each provider's style, nightly extract timestamps; and the resubmissions: Northampton General
 * re-sends two months of discharges (some with a newly recorded Discharge Ready Date or a
 * corrected destination), Kettering General two months of admissions (some newly coded).
 */
final class Recorder {

    static final String ADMISSIONS = "apc_admissions";
    static final String DISCHARGES = "apc_discharges";
    static final String CARE = "social_care_events";
    static final String OPT_OUTS = "opt_outs";

    static final double MISSING_NHS = 0.01;
    static final double INVALID_NHS = 0.003;
    static final double LSOA_ONLY = 0.02;
    static final double NO_RESIDENCE = 0.005;
    /** Unitary social care rows with a postcode and no district. */
    static final double POSTCODE_ONLY = 0.13;
    /** Unitary social care rows without an event outcome. */
    static final double MISSING_OUTCOME = 0.04;
    /** The council whose system still writes Release 1 wording. */
    static final String RELEASE_1_COUNCIL = Northamptonshire.NORTH;
    static final LocalDate WEST_RELEASE_2 = LocalDate.of(2024, 10, 1);
    static final String CARER_SUPPORT_RELEASE_2 = "Unpaid carer support: Direct to unpaid carer";

    private final Rng rng;
    private final Window window;
    private final FeedWriters writers;
    private final String spellFileSuffix;
    private final YearMonth resubmitFrom;
    private final YearMonth resubmitTo;
    private final Instant resubmittedAt;
    private final long[] nextSpell = new long[Provider.ALL.length];
    private final long[] nextEvent = new long[3];

    long invalidNhs;
    long missingNhs;
    /** Serial of the last person whose true NHS number was written on an admission row. */
    private long keyedPerson = -1;

    Recorder(Rng rng, Window window, FeedWriters writers) {
        this.rng = rng;
        this.window = window;
        this.writers = writers;
        YearMonth end = window.startMonth.plusMonths(window.months - 1L);
        this.spellFileSuffix = "_" + window.startMonth + "_" + end;
        if (window.months >= 6) {
            resubmitFrom = window.startMonth.plusMonths(window.months - 5L);
            resubmitTo = resubmitFrom.plusMonths(1);
            resubmittedAt = window.last.minusDays(12).atTime(3, 15).toInstant(ZoneOffset.UTC);
        } else {
            resubmitFrom = null;
            resubmitTo = null;
            resubmittedAt = null;
        }
        for (int i = 0; i < Provider.ALL.length; i++) {
            nextSpell[i] = Provider.ALL[i].firstSpell();
        }
    }

    /** Gives the spell its provider spell number. */
    void number(Spell s) {
        int i = providerIndex(s.provider);
        s.spellId = s.provider.spellId(nextSpell[i]++);
    }

    void admission(Person p, Spell s) {
        ApcAdmission row = new ApcAdmission();
        row.setProviderCode(s.provider.code());
        row.setSpellId(s.spellId);
        String nhs = recordedNhs(p, s.provider.spacedNhs(), MISSING_NHS, INVALID_NHS, true);
        if (nhs != null && nhs.replace(" ", "").equals(p.nhsNumber)) {
            keyedPerson = p.serial;
        }
        row.setNhsNumber(nhs);
        row.setAgeOnAdmission(s.age);
        row.setSex(p.sex);
        residence(p, s.admission, row);
        row.setGpPracticeCode(rng.chance(0.02) ? null : p.gpPractice);
        row.setAdmissionDate(s.admission);
        row.setAdmissionMethod(s.method);
        row.setAdmissionSource(s.source);
        CodeStyle style = s.provider.style();
        row.setPrimaryDiagnosis(style.write(s.primary.code()));
        row.setSecondaryDiagnoses(secondaries(style, s.secondaries));
        row.setPatientClassification(s.classification);
        row.setMainSpecialtyCode(s.mainSpecialty);
        row.setTreatmentFunctionCode(s.treatmentFunction);
        row.setProcedures(secondaries(style, s.procedures));
        row.setSubmittedAt(nightly(s.admission, s.provider));
        boolean resubmit = s.provider == Provider.RNQ && inResubmission(s.admission);
        ApcAdmission corrected = resubmit ? ApcAdmission.newBuilder(row).build() : null;
        if (resubmit) {
            corrected.setSubmittedAt(resubmittedAt);
            double u = rng.nextDouble();
            if (u < 0.12) {
                // not yet clinically coded at first submission
                row.setPrimaryDiagnosis(style.write("R69"));
                row.setSecondaryDiagnoses(null);
                row.setProcedures(null);
            } else if (u < 0.2) {
                row.setGpPracticeCode(null);
            }
        }
        writers.write(ADMISSIONS, s.provider.code(), s.provider.code() + spellFileSuffix, row);
        if (resubmit) {
            writers.write(ADMISSIONS, s.provider.code(), resubmissionName(s.provider), corrected);
        }
    }

    /** Writes the discharge row; returns whether it carries a Discharge Ready Date. */
    boolean discharge(Spell s) {
        LocalDate discharge = s.discharge();
        ApcDischarge row = new ApcDischarge();
        row.setProviderCode(s.provider.code());
        row.setSpellId(s.spellId);
        row.setDischargeDate(discharge);
        row.setDischargeMethod(s.dischargeMethod);
        row.setDischargeDestination(s.destination);
        row.setDischargeReadyDate(s.drdRecorded ? s.readyDate() : null);
        row.setDischargePathway(s.pathway);
        row.setDelayReason(s.drdRecorded && s.delayNights > 0 ? s.delayReason : null);
        row.setDelayResponsibleSector(s.drdRecorded && s.delayNights > 0 ? s.delaySector : null);
        row.setSubmittedAt(nightly(discharge, s.provider));
        boolean resubmit = s.provider == Provider.RNS && inResubmission(discharge);
        ApcDischarge corrected = resubmit ? ApcDischarge.newBuilder(row).build() : null;
        if (resubmit) {
            corrected.setSubmittedAt(resubmittedAt);
            double u = rng.nextDouble();
            if (u < 0.15 && s.drdRecorded) {
                row.setDischargeReadyDate(null); // recorded later
                row.setDelayReason(null);
                row.setDelayResponsibleSector(null);
            } else if (u < 0.25 && !s.died) {
                row.setDischargeDestination("99"); // corrected later
            }
        }
        writers.write(DISCHARGES, s.provider.code(), s.provider.code() + spellFileSuffix, row);
        if (resubmit) {
            writers.write(DISCHARGES, s.provider.code(), resubmissionName(s.provider), corrected);
        }
        return row.getDischargeReadyDate() != null;
    }

    /**
     * Writes the social care rows. The unitaries' rows (Client Level Data era) carry the CLD
     * fields: client type, event outcome (North Northamptonshire's system still in Release 1
     * wording, West Northamptonshire's in Release 2), the date of death when the council knows
     * it, and on some rows a postcode instead of the district. The county's older extract has
     * none of them.
     */
    void careEvents(Person p, List<CareEvent> events) {
        for (CareEvent e : events) {
            String la = Northamptonshire.councilFor(p.district, e.start());
            boolean county = la.equals(Northamptonshire.COUNTY_COUNCIL);
            LocalDate extractDay = county && Northamptonshire.VESTING_DAY.isBefore(window.runDate)
                    ? Northamptonshire.VESTING_DAY : window.runDate;
            SocialCareEvent row = new SocialCareEvent();
            row.setLaCode(la);
            int c = councilIndex(la);
            row.setEventId("EV" + Texts.pad(++nextEvent[c], 8));
            row.setPersonId(p.councilPersonId(la));
            row.setNhsNumber(recordedNhs(p, false, 0.05, 0.003, false));
            row.setAge(p.ageOn(e.start()));
            if (!county && rng.chance(POSTCODE_ONLY)) {
                // a system that holds the address but not the district
                row.setPostcode(Postcodes.asTyped(Postcodes.of(p), rng));
            } else if (!rng.chance(0.05)) {
                row.setResidenceLadCode(county || rng.chance(0.4) ? p.district.code() : p.district.unitaryCode());
            }
            row.setEventType(e.type());
            row.setEventStartDate(e.start());
            // the extract shows the state on its day: an end still in the future is not known yet
            LocalDate end = e.end() != null && e.end().isBefore(extractDay) ? e.end() : null;
            row.setEventEndDate(end);
            row.setRequestRoute(e.route());
            row.setServiceType(serviceType(e, la));
            row.setServiceComponent(e.component());
            if (!county) {
                row.setClientType(p.clientType);
                row.setEventOutcome(outcome(e, la, end));
                row.setDateOfDeath(p.deathKnownToCouncil && p.diedOn != null && !p.diedOn.isAfter(window.last)
                        ? p.diedOn : null);
            }
            row.setSubmittedAt(extractDay.atTime(1, 0).toInstant(ZoneOffset.UTC));
            writers.write(CARE, la, la + careFileSuffix(county), row);
        }
    }

    /**
     * The outcome as the council's extract shows it: none for a few events (not recorded) and for
     * a request, assessment or review still open on the extract day; a service still running
     * continues; in the council's release wording.
     */
    private String outcome(CareEvent e, String la, LocalDate recordedEnd) {
        if (e.outcome() == null || rng.chance(MISSING_OUTCOME)) {
            return null;
        }
        String code = e.outcome();
        if (recordedEnd == null && e.end() != null) {
            if (!e.type().equals(CareEvent.SERVICE)) {
                return null;
            }
            code = EventOutcome.CONTINUATION;
        }
        if (la.equals(RELEASE_1_COUNCIL)) {
            boolean financial = code.equals(EventOutcome.TO_SERVICES) && e.type().equals(CareEvent.ASSESSMENT)
                    && rng.chance(0.05);
            return financial ? EventOutcome.FINANCIAL_ASSESSMENT : EventOutcome.release1(code, e.type());
        }
        return code;
    }

    /**
     * West Northamptonshire moved to the Release 2 lists in October 2024: carers' services
     * recorded since then carry the Release 2 name (its extract re-maps every event outcome to
     * the Release 2 list, but the service type stays as entered).
     */
    private static String serviceType(CareEvent e, String la) {
        if (CareEvent.CARER_SUPPORT.equals(e.serviceType()) && la.equals(Northamptonshire.WEST)
                && !e.start().isBefore(WEST_RELEASE_2)) {
            return CARER_SUPPORT_RELEASE_2;
        }
        return e.serviceType();
    }

    /** Whether an admission row of {@code p} (the person last admitted) carries their true NHS number. */
    boolean admissionsCarryNhsOf(Person p) {
        return keyedPerson == p.serial;
    }

    void optOut(Person p) {
        OptOut row = new OptOut();
        row.setNhsNumber(p.nhsNumber);
        writers.write(OPT_OUTS, OPT_OUTS, OPT_OUTS, row);
    }

    private String careFileSuffix(boolean county) {
        YearMonth end = window.startMonth.plusMonths(window.months - 1L);
        YearMonth lastCounty = YearMonth.from(Northamptonshire.VESTING_DAY).minusMonths(1);
        YearMonth firstUnitary = YearMonth.from(Northamptonshire.VESTING_DAY);
        if (county) {
            return "_" + window.startMonth + "_" + (end.isAfter(lastCounty) ? lastCounty : end);
        }
        return "_" + (window.startMonth.isBefore(firstUnitary) ? firstUnitary : window.startMonth) + "_" + end;
    }

    private String resubmissionName(Provider p) {
        return p.code() + "_resubmission_" + resubmitFrom + "_" + resubmitTo;
    }

    private boolean inResubmission(LocalDate d) {
        if (resubmitFrom == null) {
            return false;
        }
        YearMonth m = YearMonth.from(d);
        return !m.isBefore(resubmitFrom) && !m.isAfter(resubmitTo);
    }

    private String recordedNhs(Person p, boolean spaced, double missing, double invalid, boolean count) {
        double u = rng.nextDouble();
        if (u < missing) {
            if (count) {
                missingNhs++;
            }
            return null;
        }
        String number = p.nhsNumber;
        if (u < missing + invalid) {
            number = NhsNumbers.corrupt(number, rng);
            if (count) {
                invalidNhs++;
            }
        }
        return spaced ? NhsNumbers.spaced(number) : number;
    }

    private void residence(Person p, LocalDate admission, ApcAdmission row) {
        double u = rng.nextDouble();
        if (u < NO_RESIDENCE) {
            return;
        }
        if (u < NO_RESIDENCE + LSOA_ONLY) {
            row.setLsoaCode(p.lsoa);
            return;
        }
        District d = p.district;
        boolean unitary = d.inCounty() && !admission.isBefore(Northamptonshire.VESTING_DAY) && rng.chance(0.5);
        row.setResidenceLadCode(unitary ? d.unitaryCode() : d.code());
        row.setLsoaCode(rng.chance(0.85) ? p.lsoa : null);
    }

    private static String secondaries(CodeStyle style, List<String> codes) {
        if (codes.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String c : codes) {
            if (b.length() > 0) {
                b.append(style.separator());
            }
            b.append(style.write(c));
        }
        return b.toString();
    }

    private static Instant nightly(LocalDate eventDay, Provider p) {
        return eventDay.plusDays(1).atStartOfDay().plusMinutes(p.extractMinute()).toInstant(ZoneOffset.UTC);
    }

    private static int providerIndex(Provider p) {
        for (int i = 0; i < Provider.ALL.length; i++) {
            if (Provider.ALL[i] == p) {
                return i;
            }
        }
        throw new IllegalArgumentException(p.code());
    }

    private static int councilIndex(String la) {
        return switch (la) {
            case Northamptonshire.NORTH -> 1;
            case Northamptonshire.WEST -> 2;
            default -> 0;
        };
    }
}
