#!/usr/bin/env python3
"""Writes the two synthetic CLD samples of sample-data/national/ (docs/adding-a-feed.md, profiles cld-r1 and cld-r2).

Reproducible: no randomness; every made-up value (date of birth, postcode, name) follows from the row by a hash.
Run from the repository root:  python3 sample-data/national/generate_cld.py

The events are those of the committed Northamptonshire sample (sample-data/northamptonshire/social_care_events/),
the first people's events in file order, rewritten in the column layout of a council's CLD file (LA Code first, then
the one known council table header, spec-style labels), so that the NHS numbers link to the sample's hospital spells
and the postcodes (from geography/postcode_lookup.csv) give the sample's districts and unitary areas. Everything is
synthetic: names are "Test" "Person-<nnn>", NHS numbers are the sample's 999-range ones, GP practices and CQC locations
are made up.

- cld-r2/NNC_CLD_R2_2024-25.csv: North Northamptonshire (LA Code E06000061, its ONS code), Release 2 wordings,
  UTF-8 with a byte-order mark and CRLF line ends, as Excel saves a CSV.
- cld-r1/NCC_CLD_R1_2020-21.csv: Northamptonshire County Council (LA Code 928, its social services code, which
  reference/cld_council_codes.csv maps onto E10000021), Release 1 wordings, plain UTF-8 and LF.
"""
import csv
import hashlib
import io
import os
from datetime import date, timedelta

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(ROOT, "sample-data", "northamptonshire")
CODES = os.path.join(ROOT, "pipeline", "src", "main", "resources", "reference", "codes")
OUT = os.path.join(ROOT, "sample-data", "national")

HEADER = ["LA Code"] + ("Reporting Period Start Date,Reporting Period End Date,NHS Number,LA Person Unique Identifier,"
    "First Name,Last Name,GP Practice Name,GP Practice Code,Gender,Ethnicity,Date of Birth,Date of Death,Client Type,"
    "Primary Support Reason,Postcode,Accommodation Status,Employment Status,Has Unpaid Carer,"
    "Autism Spectrum Disorder (ASD),Visual Impairment,Hearing Impairment,Dementia,Client Funding Status,Event Type,"
    "Event Reference,Event Start Date,Event End Date,Event Description,Event Outcome,Request: Route of Access,"
    "Assessment Type,Eligible Needs Identified,Method of Assessment,Total Hrs Caring per week,"
    "No. of adults being cared for,Adult 1 Linked Person_ID,Adult 2 Linked Person_ID,Adult 3 Linked Person_ID,"
    "Service Type,Service Component,Delivery Mechanism,Provider CQC Location Name,Provider CQC Location ID,"
    "Review Reason,Review Outcomes Achieved,Method of Review,Unit Cost,Cost Frequency (Unit Type),"
    "Planned units per week").split(",")

NNC_DISTRICTS = ["E07000150", "E07000152", "E07000153", "E07000156"]
ALL_DISTRICTS = NNC_DISTRICTS + ["E07000151", "E07000154", "E07000155"]

# Release 2 wordings (DataS-DHSC/ASC-CLD-LA-Dashboard, Main_tables/docs/methodology/5-data-cleaning.md)
R2_SERVICE_TYPE = {
    "Long Term Support: Nursing Care": "Long term support: Nursing care",
    "Long Term Support: Residential Care": "Long term support: Residential care",
    "Long Term Support: Community": "Long term support: Community",
    "Long Term Support: Prison": "Long term support: Prison",
    "Short Term Support: ST-Max": "Short term support: ST-Max",
    "Short Term Support: Ongoing Low Level": "Short term support: Ongoing low level",
    "Short Term Support: Other Short Term": "Short term support: Other short term",
    "Carer Support: Direct to Carer": "Unpaid carer support: Direct to unpaid carer",
    "Carer Support: Support involving the person cared-for": "Unpaid carer support: Support involving the person cared-for",
}
R2_COMPONENT = {"Home Care": "Home support or domiciliary care", "Direct Payment": "Direct payment",
                "Short Term Residential Care": "Short term residential care"}


def h(*parts):
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest(), 16)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def r2_outcomes():
    """Release 1 wording -> Release 2 code, from the aliases of reference/codes/event_outcome.csv"""
    out = {}
    with open(os.path.join(CODES, "event_outcome.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            for a in (r.get("aliases") or "").split("|") + [r["code"]]:
                if a:
                    out[norm(a)] = r["code"]
    return out


def norm(v):
    return "".join(c for c in v.lower() if c.isalnum())


# The county-era events of the sample carry no outcome; the Release 1 file gets Release 1 wordings
# (NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations, ASCOF 2A replication code), by event type.
R1_OUTCOME = {"Request": "Progress to Assessment", "Assessment": "Progress to Support Planning / Services",
              "Review": "No change in package"}


def postcodes():
    by_lad = {}
    for r in rows(os.path.join(SAMPLE, "geography", "postcode_lookup.csv")):
        by_lad.setdefault(r["lad_code"], []).append(r["postcode"])
    return by_lad


def people_events(events, minimum):
    """the events of the first people in file order, whole people, at least `minimum` events"""
    count = {}
    for r in events:
        count[r["person_id"]] = count.get(r["person_id"], 0) + 1
    seen, total = set(), 0
    for r in events:
        if r["person_id"] not in seen:
            if total >= minimum:
                break
            seen.add(r["person_id"])
            total += count[r["person_id"]]
    return [r for r in events if r["person_id"] in seen]


def cld_rows(events, la_code, period, release, districts):
    by_lad = postcodes()
    outcomes = r2_outcomes()
    person = {}
    out = []
    for r in events:
        pid = r["person_id"]
        if pid not in person:
            n = len(person) + 1
            start = date.fromisoformat(r["event_start_date"])
            # a date of birth giving the sample's age on the person's first event (whole years, as derive computes)
            dob = start.replace(year=start.year - int(r["age"])) - timedelta(days=h(pid, "dob") % 300)
            lad = r["residence_lad_code"] if r["residence_lad_code"] in by_lad else districts[h(pid, "lad") % len(districts)]
            pcs = by_lad[lad]
            person[pid] = {
                "n": n, "dob": dob, "postcode": r["postcode"] or pcs[h(pid, "pc") % len(pcs)],
                "gender": ["Male", "Female"][h(pid, "g") % 2],
            }
        p = person[pid]
        outcome, stype, comp = r["event_outcome"], r["service_type"], r["service_component"]
        if release == 1 and not outcome:
            outcome = R1_OUTCOME.get(r["event_type"], "Service ended as planned" if r["event_end_date"] else "")
        if release == 2:
            outcome = outcomes.get(norm(outcome), outcome)
            if outcome == "Release 1 specification only: Not mapped":  # a DHSC cleaning category, not a spec value
                outcome = "NFA: Other"
            stype = R2_SERVICE_TYPE.get(stype, stype)
            comp = R2_COMPONENT.get(comp, comp)
        service = r["event_type"] == "Service"
        v = {k: "" for k in HEADER}
        v.update({
            "LA Code": la_code,
            "Reporting Period Start Date": period[0], "Reporting Period End Date": period[1],
            "NHS Number": r["nhs_number"], "LA Person Unique Identifier": pid,
            "First Name": "Test", "Last Name": "Person-%03d" % p["n"],
            "GP Practice Name": "Test Surgery %d" % (h(pid, "gp") % 20 + 1),
            "GP Practice Code": "K8%04d" % (h(pid, "gp") % 20 + 1),
            "Gender": p["gender"], "Ethnicity": "Not stated", "Date of Birth": p["dob"].isoformat(),
            "Date of Death": r["date_of_death"], "Client Type": r["client_type"] or "Service user",
            "Primary Support Reason": "Physical Support: Personal care support", "Postcode": p["postcode"],
            "Accommodation Status": "Owner occupier or shared ownership scheme" if release == 2 else "Owner occupier / shared ownership scheme",
            "Employment Status": "Not in paid employment: Not actively seeking work or retired",
            "Has Unpaid Carer": "No", "Autism Spectrum Disorder (ASD)": "No", "Visual Impairment": "No",
            "Hearing Impairment": "No", "Dementia": "No", "Client Funding Status": "Fully social care funded",
            "Event Type": r["event_type"], "Event Reference": r["event_id"],
            "Event Start Date": r["event_start_date"], "Event End Date": r["event_end_date"],
            "Event Description": r["event_type"] + " (synthetic)", "Event Outcome": outcome,
            "Request: Route of Access": r["request_route"],
            "Service Type": stype, "Service Component": comp,
            "Delivery Mechanism": ("CASSR commissioned support" if release == 2 else "CASSR Commissioned Support") if service else "",
            "Provider CQC Location Name": "Test Care Provider %d" % (h(pid, "cqc") % 9 + 1) if service else "",
            "Provider CQC Location ID": "1-%09d" % (h(pid, "cqc") % 9 + 1) if service else "",
            "Unit Cost": "%d.00" % (h(r["event_id"], "cost") % 900 + 100) if service else "",
            "Cost Frequency (Unit Type)": "Weekly" if service else "",
            "Planned units per week": "1" if service else "",
        })
        out.append([v[k] for k in HEADER])
    return out


def write(path, data, bom, eol):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol)
    w.writerow(HEADER)
    w.writerows(data)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    social = os.path.join(SAMPLE, "social_care_events")
    nnc = people_events(rows(os.path.join(social, "E06000061_2021-04_2025-03.csv")), 200)
    write(os.path.join(OUT, "cld-r2", "NNC_CLD_R2_2024-25.csv"),
          cld_rows(nnc, "E06000061", ("2024-04-01", "2025-03-31"), 2, NNC_DISTRICTS), bom=True, eol="\r\n")
    ncc = people_events(rows(os.path.join(social, "E10000021_2020-04_2021-03.csv")), 150)
    write(os.path.join(OUT, "cld-r1", "NCC_CLD_R1_2020-21.csv"),
          cld_rows(ncc, "928", ("2020-04-01", "2021-03-31"), 1, ALL_DISTRICTS), bom=False, eol="\n")


if __name__ == "__main__":
    main()
