package org.bedflow.sample;

import java.util.List;

/**
 * The episode fields a spell's first episode carries beside its diagnoses: main specialty and
 * treatment function (CDS three-character codes: 300 general medicine, 430 geriatric medicine,
 * 100 general surgery, 110 trauma and orthopaedics, 320 cardiology, 340 respiratory medicine,
 * 501 obstetrics, 560 midwifery, 800 clinical oncology, 370 medical oncology, ...) by diagnosis,
 * admission type and age, and OPCS-4 procedures (canonical, no dot; primary first) for the
 * surgical and diagnostic spells. Angina emergencies get a primary procedure in the excluded
 * chapters (K: coronary angiography, PCI, CABG) on about half of the spells, an echocardiogram or
 * CT (chapter U, not excluded) or no procedure on the others.
 */
final class ClinicalCoding {

    private static final Weighted<String> ANGINA_PROCEDURE = Weighted.<String>builder()
            .add("K634", 30).add("K751;K634", 12).add("K491", 6).add("K401", 2).add("U201", 20).add("U051", 3)
            .add("", 27).build();

    private ClinicalCoding() {
    }

    /** Main specialty and treatment function of the first episode: {main, tfc}. */
    static String[] specialty(Rng rng, Spell s) {
        String c = s.primary.code();
        String method = s.method;
        if (method.equals("31") || method.equals("32")) {
            return c.equals("O800") && rng.chance(0.35) ? pair("560") : pair("501");
        }
        if (method.equals("82") || method.equals("83")) {
            return c.startsWith("P") ? new String[] {"420", "422"} : new String[] {"501", "424"};
        }
        if (c.equals("Z511") || c.equals("D701")) {
            String cancer = s.primary.secondary() == null ? "" : s.primary.secondary();
            if (cancer.startsWith("C90") || cancer.startsWith("C83")) {
                return pair("303");
            }
            return rng.chance(0.6) ? pair("800") : pair("370");
        }
        if (c.equals("G473")) {
            return new String[] {"340", "341"};
        }
        if (c.equals("Z509")) {
            return pair("314");
        }
        boolean emergency = s.kind == Spell.Kind.EMERGENCY || method.equals("81");
        if (s.age < 16) {
            if (emergency) {
                return c.startsWith("K35") || c.startsWith("S") ? pair(c.startsWith("S") ? "110" : "171") : pair("420");
            }
            if (c.startsWith("J35") || c.startsWith("H65")) {
                return pair("120");
            }
            return c.startsWith("K02") ? pair("140") : pair("171");
        }
        if (c.startsWith("C50")) {
            return new String[] {"100", "103"};
        }
        if (c.startsWith("C18")) {
            return new String[] {"100", "104"};
        }
        if (c.startsWith("C61") || c.startsWith("C67") || c.startsWith("N20") || c.startsWith("N40")
                || c.startsWith("N10")) {
            return pair("101");
        }
        if (c.startsWith("C44")) {
            return pair("330");
        }
        if (c.startsWith("C34")) {
            return emergency ? pair("340") : pair("800");
        }
        if (c.startsWith("H25")) {
            return pair("130");
        }
        if (c.startsWith("M51")) {
            return new String[] {"110", "108"};
        }
        if (c.startsWith("M") || c.startsWith("G56") || c.startsWith("S") && !c.startsWith("S06")
                || c.startsWith("T14")) {
            return pair("110");
        }
        if (c.startsWith("K35") || c.startsWith("K56") || c.startsWith("K80") || c.startsWith("K85")
                || c.startsWith("K40") || c.startsWith("K64") || c.startsWith("R10") || c.startsWith("E66")) {
            return pair("100");
        }
        if (c.startsWith("K57") || c.startsWith("D12") || c.startsWith("K21") || c.startsWith("K92")) {
            return pair("301");
        }
        if (c.startsWith("N92") || c.startsWith("D25")) {
            return pair("502");
        }
        if (c.startsWith("I70")) {
            return pair("107");
        }
        if (c.startsWith("D50") && !emergency) {
            return pair("303");
        }
        if (c.startsWith("I63")) {
            return new String[] {"300", "328"};
        }
        boolean cardiac = c.startsWith("I2") || c.startsWith("I48") || c.startsWith("I50") || c.startsWith("R07")
                || c.startsWith("I11") || c.startsWith("I10");
        if (cardiac && (!emergency || rng.chance(0.5))) {
            return pair("320");
        }
        if ((c.startsWith("J") || c.startsWith("U07")) && rng.chance(0.45)) {
            return pair("340");
        }
        return s.age >= 75 && rng.chance(0.7) ? pair("430") : pair("300");
    }

    /** OPCS-4 procedures of the spell, primary first (empty when none was done). */
    static List<String> procedures(Rng rng, Spell s) {
        String c = s.primary.code();
        boolean emergency = s.kind == Spell.Kind.EMERGENCY || s.method.equals("81");
        if (emergency && (c.startsWith("I20") || c.startsWith("I25"))) {
            return split(ANGINA_PROCEDURE.draw(rng));
        }
        String[] options = options(c, s.age, emergency || s.kind == Spell.Kind.MATERNITY);
        if (options == null) {
            return List.of();
        }
        double done = c.equals("Z511") || c.equals("G473") ? 1.0 : emergency ? 0.75 : 0.9;
        if (!rng.chance(done)) {
            return List.of();
        }
        return split(rng.pick(options));
    }

    private static String[] options(String c, int age, boolean emergency) {
        if (emergency) {
            return switch (c) {
                case "K358" -> new String[] {"H011", "H011", "H012"};
                case "K802" -> new String[] {"J183"};
                case "S720" -> new String[] {"W461", "W471", "W461"};
                case "S721", "S826" -> new String[] {"W191", "W241"};
                case "S422", "S525" -> new String[] {"W241", "W262"};
                case "I214" -> new String[] {"K634;K751", "K634", "K751;K634"};
                case "K922" -> new String[] {"G451", "G452"};
                case "I639", "S060", "S065" -> new String[] {"U051"};
                case "O800", "O429" -> new String[] {"R249"};
                case "O701" -> new String[] {"R249;R321"};
                case "O480" -> new String[] {"R149;R249", "R159;R249"};
                case "O342" -> new String[] {"R179", "R189"};
                default -> null;
            };
        }
        if (age < 16) {
            return switch (c) {
                case "J350", "J353" -> new String[] {"F341"};
                case "H653" -> new String[] {"D151"};
                case "K029" -> new String[] {"F091"};
                case "N47" -> new String[] {"N303"};
                case "Q531" -> new String[] {"N081"};
                case "K409" -> new String[] {"T191"};
                default -> null;
            };
        }
        return switch (c) {
            case "H259" -> new String[] {"C712;C751"};
            case "M161" -> new String[] {"W371", "W381"};
            case "M171" -> new String[] {"W401", "W421"};
            case "M232" -> new String[] {"W822"};
            case "K409" -> new String[] {"T201", "T202"};
            case "K802" -> new String[] {"J183"};
            case "D126", "K573" -> new String[] {"H221", "H201", "H221;H201"};
            case "K219" -> new String[] {"G451"};
            case "K649" -> new String[] {"H511"};
            case "C509" -> new String[] {"B281", "B275"};
            case "C187" -> new String[] {"H101"};
            case "C61" -> new String[] {"M703"};
            case "C679" -> new String[] {"M421"};
            case "C443" -> new String[] {"S061"};
            case "N920" -> new String[] {"Q181"};
            case "D259" -> new String[] {"Q074"};
            case "G560" -> new String[] {"A651"};
            case "N200" -> new String[] {"M141"};
            case "N40" -> new String[] {"M651"};
            case "M511" -> new String[] {"V331"};
            case "E669" -> new String[] {"G281"};
            case "I251" -> new String[] {"K634", "K634;K751", "K751"};
            case "I489" -> new String[] {"K571"};
            case "I702" -> new String[] {"L631"};
            case "D509" -> new String[] {"X292"};
            case "Z511" -> new String[] {"X352"};
            case "G473" -> new String[] {"U332"};
            default -> null;
        };
    }

    private static List<String> split(String codes) {
        return codes.isEmpty() ? List.of() : List.of(codes.split(";"));
    }

    private static String[] pair(String code) {
        return new String[] {code, code};
    }
}
