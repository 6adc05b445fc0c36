package org.bedflow.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.LeakScan;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/validation.md, "Postcodes": a postcode of residence is used to place a care event and
 * is then gone. Validate and link run on a tiny input whose care events and geography carry
 * postcodes (valid, invalid, inside malformed CSV lines, in a conflicting duplicate): no full
 * postcode may be found in rejects, the care events work file, the spells, linked_spells or
 * anything logged. The masked form ({@code NN1 ***}) may be.
 */
class PostcodePrivacyTest {

    static final String NHS_A = "9434765919";
    static final String CARE_HEADER = "la_code,event_id,person_id,nhs_number,age,residence_lad_code,event_type,"
            + "event_start_date,event_end_date,request_route,service_type,service_component,event_outcome,client_type,"
            + "date_of_death,postcode,submitted_at";
    /** every postcode of the input, as written there */
    static final List<String> POSTCODES = List.of("nn1 1aa", "NN4 8XY", "NN16 0AB", "NN3 6AB", "NN17 1QQ", "NN99 9ZZZ",
            "NN18 8EE", "NN5 5BB", "NN7 1");

    @TempDir
    Path in;
    @TempDir
    Path out;

    final SparkSession spark = SharedSpark.session();

    void write(String file, String... lines) throws Exception {
        Path p = in.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static String event(String id, String la, String residence, String component, String postcode) {
        return String.join(",", la, id, "P-" + id, NHS_A, "80", residence, "Service", "2021-05-12", "",
                "", "Long Term Support: Community", component, "NFA - Deceased", "", "", postcode, "2022-04-01T01:00:00");
    }

    @Test
    void no_postcode_reaches_rejects_work_files_linked_spells_or_the_log() throws Exception {
        write("apc_admissions/a.csv", "provider_code,spell_id,nhs_number,age_on_admission,sex,residence_lad_code,"
                        + "admission_date,admission_method,primary_diagnosis,submitted_at",
                "RNS,S1," + NHS_A + ",80,2,E07000154,2021-05-01,21,J440,2021-05-11T00:00:00");
        write("apc_discharges/d.csv", "provider_code,spell_id,discharge_date,discharge_method,discharge_destination,submitted_at",
                "RNS,S1,2021-05-10,1,19,2021-05-11T00:00:00");
        write("population/p.csv", "area_code,year,sex,age,population", "E06000062,2021,2,80,100");
        write("social_care_events/c.csv", CARE_HEADER,
                // county era, no district: placed by its postcode (Northampton -> West Northamptonshire)
                event("EV1", "E10000021", "", "Home Care", "nn1 1aa"),
                // a valid postcode on a row with a warning (an unknown component): its raw values are in rejects
                event("EV2", "E10000021", "", "Spa", "NN4 8XY"),
                // not a postcode: BAD_POSTCODE
                event("EV3", "E10000021", "", "Home Care", "NN99 9ZZZ"),
                // two versions at the same time with different values: CONFLICTING_DUPLICATE, typed values in rejects
                event("EV4", "E06000062", "", "Home Care", "NN5 5BB"),
                event("EV4", "E06000062", "", "Day Care", "NN5 5BB"),
                // too few fields: the line itself goes to rejects
                "E10000021,EV5,P-EV5," + NHS_A + ",80,,Service,2021-05-12,NN16 0AB",
                // broken quoting (last, as it runs to the end of the file)
                "E10000021,EV6,\"P-EV6," + NHS_A + ",80,,Service,2021-05-12,,,,,,,,NN3 6AB,2022-04-01T01:00:00");
        // the LSOA lookup as the sample ships it, and a postcode lookup beside it
        write("geography/lsoa_to_lad.csv", "lsoa_code,lad_code", "E01027001,E07000150");
        write("geography/postcodes.csv", "postcode,lsoa_code,lad_code",
                "NN1 1AA,E01027400,E07000154",
                "NN17 1QQ,E01027001,E07000150",
                "NN18 8EE,E01027001,E07000150",
                "NN7 1,E01027500,E07000155");              // not a postcode: an ERROR in the lookup

        RunContext run = new RunContext("privacy-run", LocalDate.of(2022, 4, 1), in.toString(), out.toString(),
                new RunConfig(0.9, Map.of(), ReorganisationMapping.DEFAULT, DelayReasons.DEFAULT, null, true, null));
        WorkArea work = run.workArea(spark);
        List<String> texts = new ArrayList<>();
        // every logger at INFO, Spark's too, into the list only (the console would drown in Spark's lines)
        try (LeakScan.LogCapture logged = LeakScan.captureLog(true)) {
            new ValidateFeeds(spark, run).execute();
            new LinkSpells(spark, run, PseudonymKey.of("a-test-key-of-sixteen-bytes-or-more", "test")).execute();

            Dataset<Row> careEvents = work.read(LinkSpells.CARE_EVENTS);
            assertThat(careEvents.columns()).doesNotContain("postcode");
            Map<String, String> areas = new TreeMap<>();
            careEvents.collectAsList().forEach(r -> areas.put(r.getAs("event_id"),
                    r.getAs("unitary_area") + " " + r.getAs("residence_lad_code")));
            // EV1 found its district through the postcode; EV2 and EV3 have no postcode in the lookup (EV3 none at all)
            assertThat(areas).containsEntry("EV1", "E06000062 E07000154").containsEntry("EV2", "UNKNOWN null")
                    .containsEntry("EV3", "UNKNOWN null");

            List<String> rejects = work.read(IngestStage.REJECTS).toJSON().collectAsList();
            assertThat(String.join("\n", rejects)).contains("BAD_POSTCODE", "MALFORMED_ROW", "CONFLICTING_DUPLICATE",
                    "NN4 ***", "NN5 ***");
            texts.addAll(rejects);
            texts.addAll(careEvents.toJSON().collectAsList());
            texts.addAll(work.read(LinkSpells.SPELLS).toJSON().collectAsList());
            texts.addAll(work.readStaged(OutputTables.LINKED_SPELLS).toJSON().collectAsList());
            texts.addAll(work.read(LinkSpells.COMMUNITY_CONTACTS).toJSON().collectAsList());
            texts.addAll(logged.lines());
        }

        // a postcode, in any case, with or without its space, is nowhere
        LeakScan.of(POSTCODES).anywhere().ignoringSpaces().texts("the run", texts).assertNone();
    }
}
