#!/usr/bin/env python3
"""Writes the synthetic SUS+ APCS spell extract of this folder (README.md). Deterministic:
python3 make_sample.py rewrites the same file. Every value is made up; tokens are not
pseudonyms of anyone."""
import csv
import datetime as dt
import random

rnd = random.Random(20250401)
OUT = "SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv"
RUN = dt.date(2025, 4, 1)

lsoas = {}
with open("../../northamptonshire/geography/lsoa_to_lad.csv") as f:
    for r in csv.DictReader(f):
        lsoas.setdefault(r["lad_code"], []).append(r["lsoa_code"])
NORTHANTS = [l for lad in ("E07000150", "E07000151", "E07000152", "E07000153", "E07000154", "E07000155",
                           "E07000156") for l in lsoas[lad]]
ELSEWHERE = lsoas["E07000131"] + lsoas["E06000042"]  # Harborough, Milton Keynes: OTHER

ADM_METHOD = {"21": "Emergency via A&E", "22": "Emergency via GP", "23": "Emergency via Bed Bureau",
              "2A": "Emergency via A&E of another provider", "11": "Elective from waiting list", "12": "Elective booked"}
SOURCE = {"19": "Usual place of residence", "51": "NHS other hospital provider", "54": "NHS run care home"}
DIS_METHOD = {"1": "Discharged on clinical advice or with clinical consent", "4": "Patient died"}
DEST = {"19": "Usual place of residence", "54": "NHS run care home", "65": "Local authority residential",
        "29": "Temporary place of residence", "79": "Not applicable - patient died"}
DIAG = [("J441", ["I10X", "E119"]), ("I500", ["I480", "N183"]), ("N390", ["F03X"]), ("J189", ["J449", "I10X"]),
        ("S7200", ["W19XX", "M819"]), ("R55X", []), ("E86X", ["N179"]), ("I639", ["I10X", "E785"]),
        ("L031", ["E119"]), ("K590", [])]
PROC = ["", "||X292", "||U051 ,X292", "||W3811 ,Z942||X292", "||E856"]
TFC = ["300", "430", "100", "110", "320", "340"]

people = ["PSEUDO-%012X" % rnd.getrandbits(48) for _ in range(110)]
home = {p: (rnd.choice(ELSEWHERE) if rnd.random() < 0.07 else ("" if rnd.random() < 0.03 else rnd.choice(NORTHANTS)))
        for p in people}
age = {p: rnd.randint(60, 97) for p in people}
sex = {p: rnd.choice("1122") for p in people}
gp = {p: "K83%03d" % rnd.randint(1, 80) for p in people}


def day(d, with_time):
    return d.isoformat() + (" 00:00:00.000" if with_time else "")


def labelled(code, labels, share):
    return f"{code} - {labels[code]}" if rnd.random() < share else code


rows = []
for i in range(180):
    person = people[i % len(people)] if i < 150 else rnd.choice(people)
    admitted = dt.date(2024, 4, 1) + dt.timedelta(days=rnd.randint(0, 358))
    infant = i in (7, 41, 88, 133, 151, 170)
    method = rnd.choice(["21", "21", "21", "22", "23", "2A", "11", "12"])
    stay = rnd.choice([0, 1, 2, 3, 5, 8, 12, 20, 35]) if method.startswith("2") else rnd.choice([0, 0, 1, 2])
    discharged = admitted + dt.timedelta(days=stay)
    finished = discharged < RUN and i % 9 != 4  # every 9th spell from the 5th is still open
    died = finished and rnd.random() < 0.04
    ready = None
    if finished and stay >= 3 and rnd.random() < 0.6:
        ready = discharged - dt.timedelta(days=rnd.randint(0, min(stay - 1, 10)))
    primary, secondary = rnd.choice(DIAG)
    first = ",".join([primary + " "] + [s + " " for s in secondary]).rstrip()
    later = "||" + rnd.choice(DIAG)[0] if rnd.random() < 0.3 else ""
    with_time = rnd.random() < 0.3
    token = person
    if i == 60:
        token = ""          # no identifier: the spell is kept and never linked
    if i == 61:
        token = "0000000000"  # obviously broken: INVALID_NHS_NUMBER, kept, never linked
    dest = "79" if died else rnd.choice(["19", "19", "19", "54", "65", "29"])
    rows.append({
        "APCS_Ident": str(700000000 + i * 37),
        "Hospital_Spell_No": "SP%06d" % i,
        "Der_Pseudo_NHS_Number": token,
        "Der_Provider_Code": "RNS" if i % 3 else "RNQ",
        "Der_Provider_Site_Code": "RNS01" if i % 3 else "RNQ02",
        "Admission_Date": day(admitted, with_time),
        "Discharge_Date": day(discharged, with_time) if finished else "",
        "Discharge_Ready_Date": day(ready, with_time) if ready else "",
        "Age_At_Start_of_Spell_SUS": str(rnd.randint(7001, 7007)) if infant else str(age[person]),
        "Sex": sex[person],
        "Ethnic_Group": rnd.choice(["A", "A", "A", "B", "H", "Z"]),
        "Der_Postcode_LSOA_2011_Code": home[person],
        "GP_Practice_Code": gp[person],
        "Admission_Method": labelled(method, ADM_METHOD, 0.4),
        "Source_of_Admission": labelled(rnd.choice(["19", "19", "19", "51", "54"]), SOURCE, 0.4),
        "Patient_Classification": "1" if method.startswith("2") or stay > 0 else "2",
        "Der_Admit_Treatment_Function_Code": rnd.choice(TFC),
        "Discharge_Method": labelled("4" if died else "1", DIS_METHOD, 0.3) if finished else "",
        "Discharge_Destination": labelled(dest, DEST, 0.4) if finished else "",
        "Der_Diagnosis_All": "||" + first + later,
        "Der_Procedure_All": rnd.choice(PROC),
        "Der_Spell_LoS": str(stay) if finished else "",
        "Der_Activity_Month": admitted.strftime("%Y%m"),
        "Der_Financial_Year": "2024/25",
    })

with open(OUT, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(OUT, len(rows), "spells;", sum(1 for r in rows if r["Discharge_Date"]), "finished")
