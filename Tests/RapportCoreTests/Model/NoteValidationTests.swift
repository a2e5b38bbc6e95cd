import Testing

@testable import RapportCore

/// Each kind's keys are checked, and a problem is reported where it is written.
@Suite struct NoteValidationTests {
    private func lines(_ files: [String: String]) throws -> [String] { try ContentFolder(files).load().lines }

    @Test func aMissingTitleIsAnErrorAtLineOne() throws {
        #expect(
            try lines(["pages/p.md": "---\ntags: [a]\n---\nBody\n"]) == [
                "content/pages/p.md:1:1: error: missing title: every note needs 'title:' in its front matter"
            ])
        #expect(
            try lines(["pages/p.md": "---\ntitle: \"  \"\n---\nBody\n"]) == [
                "content/pages/p.md:1:1: error: missing title: every note needs 'title:' in its front matter"
            ])
        #expect(
            try lines(["pages/p.md": "---\n---\nBody\n"]) == [
                "content/pages/p.md:1:1: error: missing title: the front matter is empty"
            ])
    }

    @Test func onlyAMeetingHasADecisionRegister() throws {
        let body = "## Decisions\n\n- Move billing to Cebu\n"
        let result = try ContentFolder([
            "meetings/2026-01-12-kickoff.md": meetingNote("2026-01-12", body),
            "wins/2026-01-20-record.md": "---\ntitle: Record\ndate: 2026-01-20\n---\n\n" + body,
            "pages/notes.md": "---\ntitle: Notes\n---\n\n" + body,
        ]).load()
        let portal = try #require(result.portal)
        #expect(portal.notes.map(\.id) == ["2026-01-12-kickoff", "2026-01-20-record", "notes"])
        #expect(portal.notes.map { $0.body.decisions.map(\.text) } == [["Move billing to Cebu"], [], []])
        #expect(portal.notes.map { $0.body.decisions.map(\.line) } == [[8], [], []])
        // The section is still shown as written.
        for note in portal.notes { #expect(note.body.html.contains("<li>Move billing to Cebu</li>")) }
    }

    @Test(arguments: [
        ("Plain", "Plain"), ("  Padded\t", "Padded"), ("\u{A0}No-break space\u{3000}", "No-break space"), ("a", "a"),
        (" ", ""), ("", ""), ("Ends in e\u{301}", "Ends in e\u{301}"), ("\u{301}starts combining ", "\u{301}starts combining"),
    ])
    func titlesAndTagsLoseWhiteSpaceAtEitherEnd(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
    }

    @Test(arguments: [
        ("meetings", "meeting", ""), ("wins", "win", ""), ("feedback", "feedback", "from: client\nsentiment: positive\n"),
        ("changes", "change", ""),
    ])
    func aMissingDateIsAnErrorForDatedKinds(folder: String, kind: String, extra: String) throws {
        #expect(
            try lines(["\(folder)/n.md": "---\ntitle: N\n\(extra)---\n"]) == [
                "content/\(folder)/n.md:1:1: error: missing date: a \(kind) needs 'date: YYYY-MM-DD'"
            ])
    }

    @Test(arguments: ["kpis", "expectations", "pages"])
    func undatedKindsNeedNoDate(folder: String) throws {
        #expect(try lines(["\(folder)/n.md": "---\ntitle: N\n---\n"]).isEmpty)
    }

    @Test func anUnknownTypeIsAnErrorAtTheTypeLine() throws {
        #expect(
            try lines(["pages/p.md": "---\ntitle: P\ndate: 2026-01-05\ntype: memo\n---\n"]) == [
                "content/pages/p.md:4:7: error: unknown type 'memo': expected one of meeting, kpi, win, feedback, expectation, change, qbr, page"
            ])
    }

    @Test func typeOverridesTheFolder() throws {
        let folder = try ContentFolder(["pages/standup.md": "---\ntitle: Stand-up\ntype: meeting\ndate: 2026-01-05\n---\n- [ ] @ana call\n"])
        let portal = try #require(folder.load().portal)
        #expect(portal.notes.map(\.ref) == [NoteRef(kind: .meeting, id: "standup")])
        #expect(portal.notes.first?.body.tasks.map(\.text) == ["@ana call"])
    }

    @Test(arguments: [
        ("meetings", "date: 2026-01-05\nkind: standup", "kind", "standup", "check-in, qbr, steering, workshop, escalation, social"),
        ("wins", "date: 2026-01-05\nteam: everyone", "team", "everyone", "client, provider, both"),
        ("feedback", "date: 2026-01-05\nsentiment: positive\nfrom: vendor", "from", "vendor", "client, provider"),
        ("feedback", "date: 2026-01-05\nfrom: client\nsentiment: angry", "sentiment", "angry", "positive, constructive"),
        ("feedback", "date: 2026-01-05\nfrom: client\nsentiment: positive\nstatus: closed", "status", "closed", "open, acknowledged, addressed"),
        ("expectations", "due: 2026-03-01\nowner: both", "owner", "both", "client, provider"),
        ("expectations", "owner: client\nstatus: late", "status", "late", "on-track, at-risk, missed, met"),
        ("changes", "date: 2026-01-05\nstatus: maybe", "status", "maybe", "proposed, approved, in-progress, done, rejected"),
        ("kpis", "unit: \"%\"\ndirection: up", "direction", "up", "higher, lower"),
        ("kpis", "unit: \"%\"\nfrequency: daily", "frequency", "daily", "weekly, monthly, quarterly"),
        ("kpis", "unit: \"%\"\naggregate: median", "aggregate", "median", "mean, sum, last, min, max"),
        ("pages", "owner: x\nvisibility: private", "visibility", "private", "shared, internal"),
    ])
    func aBadEnumValueIsAnErrorAtItsLine(folder: String, keys: String, key: String, value: String, allowed: String) throws {
        let line = keys.split(separator: "\n").count + 2
        #expect(
            try lines(["\(folder)/n.md": "---\ntitle: N\n\(keys)\n---\n"]) == [
                "content/\(folder)/n.md:\(line):\(key.count + 3): error: '\(key)' is '\(value)'; expected one of: \(allowed)"
            ])
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10"])
    func anImpossibleDateIsAnErrorAtItsLine(date: String) throws {
        #expect(
            try lines(["wins/w.md": "---\ntitle: W\ndate: \(date)\n---\n"]) == [
                "content/wins/w.md:3:7: error: 'date' is '\(date)', which is not a date on the calendar"
            ])
    }

    @Test func aLeapDayIsADate() throws {
        let portal = try #require(try ContentFolder(["wins/w.md": "---\ntitle: W\ndate: 2024-02-29\n---\n"]).load().portal)
        #expect(portal.notes.first?.date == Day(year: 2024, month: 2, day: 29))
    }

    @Test func aDateNotWrittenYYYYMMDDIsAnError() throws {
        #expect(
            try lines(["wins/w.md": "---\ntitle: W\ndate: 9 March 2026\n---\n"]) == [
                "content/wins/w.md:3:7: error: 'date' must be a date written YYYY-MM-DD, not '9 March 2026'"
            ])
    }

    @Test func aDateTimeCountsAsItsDatePartWithoutTimeZoneConversion() throws {
        let folder = try ContentFolder([
            "meetings/a.md": "---\ntitle: A\ndate: 2026-03-09T14:30:00+01:00\n---\n",
            "meetings/b.md": "---\ntitle: B\ndate: 2026-03-31T23:30:00-05:00\n---\n",
        ])
        let analysis = try #require(folder.analysis())
        let portal = try #require(folder.load().portal)
        #expect(portal.notes.map(\.date) == [Day("2026-03-09"), Day("2026-03-31")])
        // 23:30 at UTC-5 is already 1 April in UTC; the contract keeps the date as written.
        #expect(analysis.quarters.map(\.quarter.description) == ["2026-Q1"])
        #expect(analysis.quarters.first?.meetings == 2)
    }

    @Test func aMissingFromOrSentimentOnFeedbackIsAnError() throws {
        #expect(
            try lines(["feedback/f.md": "---\ntitle: F\ndate: 2026-01-05\n---\n"]) == [
                "content/feedback/f.md:1:1: error: missing 'from': feedback comes from client or provider",
                "content/feedback/f.md:1:1: error: missing 'sentiment': positive or constructive",
            ])
    }

    @Test func aQBRNoteIsNamedAfterItsQuarter() throws {
        #expect(
            try lines(["qbr/spring.md": "---\ntitle: Spring review\n---\n"]) == [
                "content/qbr/spring.md:1:1: error: a QBR note is named after its quarter, like 'qbr/2026-Q1.md'"
            ])
    }
}
