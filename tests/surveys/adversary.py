"""The adversary of issue 21, without the application: a copy of the database (a SQLite file
or a ``pg_dump``) read as plain rows, and every join it can think of to name the member
behind each response of an anonymous consultation.

Each attack gives, per response, the members it could belong to. An attack counts only if it
is sound on that copy (every response's true member is in its set: a wrong guess names
nobody); the sound attacks are then combined. ``TRUTH_MARK`` in an open answer tells the test,
not the adversary, whose response it is.
"""

import re
import sqlite3
import subprocess
from collections import defaultdict

TRUTH_MARK = "mark-"
TABLES = (
    "panel_members",
    "member_segments",
    "invitations",
    "responses",
    "response_segments",
    "answers",
    "response_drafts",
    "outbox_messages",
    "audit_entries",
    "participations",
    "held_responses",
)


def sqlite_rows(path: str) -> dict[str, list[dict]]:
    """Every table of ``TABLES`` in the file's physical order (rowid), values as text."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    tables = {}
    for table in TABLES:
        try:
            rows = connection.execute(f"SELECT rowid AS _rowid, * FROM {table} ORDER BY rowid")
        except sqlite3.OperationalError:  # stored without rowid: in the order of its key
            rows = connection.execute(f"SELECT * FROM {table}")
        tables[table] = [dict(zip(row.keys(), map(_text, row), strict=True)) for row in rows]
    connection.close()
    return tables


def dump_rows(url: str) -> dict[str, list[dict]]:
    """Every table of ``TABLES`` as ``pg_dump`` writes it, in its order."""
    dump = subprocess.run(
        ["pg_dump", "--data-only", "--no-owner", url], capture_output=True, text=True, check=True
    ).stdout
    tables = {table: [] for table in TABLES}
    current = None
    for line in dump.splitlines():
        start = re.match(r"COPY public\.(\w+) \((.*)\) FROM stdin;", line)
        if start:
            name, columns = start.group(1), [c.strip('"') for c in start.group(2).split(", ")]
            current = name if name in tables else None
        elif line == "\\.":
            current = None
        elif current:
            values = [None if v == "\\N" else v for v in line.split("\t")]
            tables[current].append(dict(zip(columns, values, strict=True)))
    return tables


def _text(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def truth(tables, consultation_id) -> dict[str, str]:
    """Response id -> member id, read from the marks in the open answers (the test's key)."""
    found = {}
    for answer in tables["answers"]:
        text = answer.get("text") or ""
        if text.startswith(TRUTH_MARK):
            found[answer["response_id"]] = text.removeprefix(TRUTH_MARK)
    return found


def attacks(tables, consultation_id) -> dict[str, dict[str, set[str]]]:
    """Attack name -> response id -> the members it could belong to."""
    cid = str(consultation_id)
    invitations = [
        i for i in tables["invitations"] if i["consultation_id"] == cid and i["member_id"]
    ]
    invited = {i["member_id"] for i in invitations}
    by_invitation = {i["id"]: i["member_id"] for i in invitations}
    responses = [r for r in tables["responses"] if r["consultation_id"] == cid]
    segments_of_member = defaultdict(set)
    for row in tables["member_segments"]:
        segments_of_member[row["member_id"]].add((row["dimension_id"], row["value_id"]))
    segments_of_response = defaultdict(set)
    for row in tables["response_segments"]:
        segments_of_response[row["response_id"]].add((row["dimension_id"], row["value_id"]))
    members = {m["id"]: m for m in tables["panel_members"] if m["id"] in invited}
    dates = _dates_of_members(tables, invitations, members)
    post = {i["member_id"] for i in invitations if i["channel"] == "post"}
    drafting = {
        by_invitation[d["invitation_id"]]
        for d in tables["response_drafts"]
        if d.get("invitation_id") in by_invitation
    }
    active = {m for m, row in members.items() if row.get("last_active_on")}
    used = sorted(
        (i["used_on"], i["member_id"]) for i in invitations if i.get("used_on") is not None
    )
    found = {
        "date": {
            r["id"]: {m for m in invited if r.get("submitted_on") in dates[m]}
            if r.get("submitted_on")
            else invited
            for r in responses
        },
        "segments": {
            r["id"]: {m for m in invited if segments_of_response[r["id"]] <= segments_of_member[m]}
            for r in responses
        },
        "channel": {r["id"]: post if r["channel"] == "letter" else invited for r in responses},
        "activity": {r["id"]: active or invited for r in responses},
        "drafts": {r["id"]: invited - drafting for r in responses},
        "used": {r["id"]: {m for _, m in used} or invited for r in responses},
    }
    first_answer = {}
    for position, answer in enumerate(tables["answers"]):
        first_answer.setdefault(answer["response_id"], position)
    orders = {
        "row order": responses,
        "answer order": sorted(responses, key=lambda r: first_answer.get(r["id"], 0)),
    }
    for name, ordered in orders.items():
        found[name] = _by_order(ordered, used, invited)
    found["reminder and row order"] = _by_reminder(tables, invitations, responses, invited)
    return found


def _by_reminder(tables, invitations, responses, invited) -> dict[str, set[str]]:
    """If responses were stored in the order they came: those invited by mail whom the
    reminder skipped had answered before it, so theirs are the first responses."""
    reminded = {
        message["idempotency_key"].rsplit(":", 1)[1]
        for message in tables["outbox_messages"]
        if message["kind"] == "reminder"
    }
    if not reminded:
        return {r["id"]: invited for r in responses}
    before = {
        i["member_id"] for i in invitations if i["channel"] == "mail" and i["id"] not in reminded
    }
    return {r["id"]: before if k < len(before) else invited for k, r in enumerate(responses)}


def _dates_of_members(tables, invitations, members) -> dict[str, set[str]]:
    """Every day the database holds about each invited member: invitation, activity, drafts,
    mail to them and the audit log."""
    dates = defaultdict(set)
    for i in invitations:
        for column in ("used_on", "opened_on", "created_at", "sent_at"):
            if i.get(column):
                dates[i["member_id"]].add(i[column][:10])
    for member_id, row in members.items():
        if row.get("last_active_on"):
            dates[member_id].add(row["last_active_on"][:10])
        for message in tables["outbox_messages"]:
            if row.get("email") and message["recipient"] == row["email"]:
                dates[member_id].add(message["created_at"][:10])
    return dates


def _by_order(ordered, used, invited) -> dict[str, set[str]]:
    """If responses were stored in the order they came: the k-th response is the k-th spent
    invitation (with all spent on the same day)."""
    if len(used) != len(ordered):
        return {r["id"]: invited for r in ordered}
    return {r["id"]: {m for day, m in used if day == used[k][0]} for k, r in enumerate(ordered)}


def difference(previous, tables, consultation_id) -> dict[str, set[str]]:
    """Two copies, one before a send and one after: the responses that came in between
    belong to the members whose rows changed in between (a draft gone, a day set)."""
    cid = str(consultation_id)

    def state(copy):
        invitations = {
            i["id"]: i
            for i in copy["invitations"]
            if i["consultation_id"] == cid and i["member_id"]
        }
        drafts = {d.get("invitation_id") for d in copy["response_drafts"]}
        members = {m["id"]: m.get("last_active_on") for m in copy["panel_members"]}
        return {
            i["member_id"]: (i.get("used_on"), i.get("opened_on"), i["id"] in drafts,
                             members.get(i["member_id"]))
            for i in invitations.values()
        }  # fmt: skip

    before, after = state(previous), state(tables)
    changed = {member for member, seen in after.items() if before.get(member) != seen}
    earlier = {r["id"] for r in previous["responses"]}
    return {
        r["id"]: changed if changed and r["id"] not in earlier else set(after)
        for r in tables["responses"]
        if r["consultation_id"] == cid
    }


def anonymity_sets(tables, consultation_id, previous=None):
    """Per response, the members the sound attacks together leave; and the sound attacks.

    :param previous: the copy taken before this one, to compare with.
    """
    known = truth(tables, consultation_id)
    found = attacks(tables, consultation_id)
    if previous is not None:
        found["difference with the copy before"] = difference(previous, tables, consultation_id)
    sound = [
        name
        for name, sets in found.items()
        if all(known.get(r) in members for r, members in sets.items() if r in known)
    ]
    combined = {}
    for response_id in found["date"]:
        members = set.intersection(*(found[name][response_id] for name in sound))
        combined[response_id] = members
    return combined, sound
