import Testing

@testable import RapportCore

/// `quarters.json`: every quarter from the first to the last with activity, no gaps, and
/// its counts (CONTENT-MODEL "Quarters listed").
@Suite struct QuarterSummaryTests {
    private static let notes: [String: String] = [
        "meetings/2026-01-12-kickoff.md": meetingNote(
            "2026-01-12",
            "## Decisions\n\n- Weekly check-ins\n- Shared dashboard\n\n## Actions\n\n- [x] @ana a (due 2026-01-20)\n- [ ] @raj b (due 2026-02-01)\n- [ ] @raj c (due 2026-12-01)\n- [ ] @raj d\n"),
        "meetings/2026-10-05-review.md": meetingNote(
            "2026-10-05", "- [ ] @ana e (due 2026-10-10)\n\n## Decisions\n\n- Extend chat hours\n"),
        "wins/2026-02-01-record.md": "---\ntitle: Record\ndate: 2026-02-01\n---\n",
        "wins/2026-10-20-award.md": "---\ntitle: Award\ndate: 2026-10-20\n---\n",
        "feedback/a.md": "---\ntitle: A\ndate: 2026-01-05\nfrom: client\nsentiment: positive\n---\n",
        "feedback/b.md": "---\ntitle: B\ndate: 2026-02-05\nfrom: client\nsentiment: constructive\n---\n",
        "feedback/c.md": "---\ntitle: C\ndate: 2026-03-05\nfrom: provider\nsentiment: constructive\n---\n",
        "feedback/d.md": "---\ntitle: D\ndate: 2026-03-06\nfrom: client\nsentiment: constructive\n---\n",
        "changes/x.md": "---\ntitle: X\ndate: 2026-11-05\n---\n",
        "kpis/k.md": kpiNote("measurements:\n  2025-11: 1"),
        // Neither expectations nor QBR narratives nor pages widen the range.
        "expectations/e.md": "---\ntitle: E\ndue: 2027-06-30\n---\n",
        "qbr/2027-Q2.md": "---\ntitle: Later\n---\n",
        "pages/p.md": "---\ntitle: P\ndate: 2024-01-01\n---\n",
    ]

    @Test func theRangeRunsFromTheFirstToTheLastActiveQuarterWithoutGaps() throws {
        let analysis = try #require(try ContentFolder(Self.notes).analysis(asOf: "2026-06-30"))
        #expect(analysis.quarters.map(\.quarter.description) == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(analysis.quarters.map { "\($0.firstDay)..\($0.lastDay)" }.first == "2025-10-01..2025-12-31")
    }

    @Test func eachQuarterCountsItsOwnNotesAndActions() throws {
        let analysis = try #require(try ContentFolder(Self.notes).analysis(asOf: "2026-06-30"))
        let q1 = try #require(analysis.summary(of: Quarter(fiscalYear: 2026, number: 1)))
        #expect(q1.meetings == 1)
        #expect(q1.wins == 1)
        #expect(q1.decisions == 2)
        #expect(q1.actionsOpened == 4)
        #expect(q1.actionsDone == 1)
        // b is due 2026-02-01, before the as-of date; c is due later, d has no due date.
        #expect(q1.actionsOverdue == 1)
        #expect(q1.feedbackFromClient == FeedbackCounts(positive: 1, constructive: 2))
        #expect(q1.feedbackFromProvider == FeedbackCounts(positive: 0, constructive: 1))

        let q4 = try #require(analysis.summary(of: Quarter(fiscalYear: 2026, number: 4)))
        #expect([q4.meetings, q4.wins, q4.decisions, q4.actionsOpened, q4.actionsDone, q4.actionsOverdue, q4.changes] == [1, 1, 1, 1, 0, 0, 1])

        for empty in ["2025-Q4", "2026-Q2", "2026-Q3"] {
            let quarter = try #require(Quarter(empty))
            let summary = try #require(analysis.summary(of: quarter))
            #expect([summary.meetings, summary.wins, summary.decisions, summary.actionsOpened] == [0, 0, 0, 0])
            #expect(summary.feedbackFromClient == FeedbackCounts())
        }
    }

    @Test func overdueCountsMoveWithTheAsOfDate() throws {
        let later = try #require(try ContentFolder(Self.notes).analysis(asOf: "2026-12-02"))
        #expect(later.summary(of: Quarter(fiscalYear: 2026, number: 1))?.actionsOverdue == 2)
        #expect(later.summary(of: Quarter(fiscalYear: 2026, number: 4))?.actionsOverdue == 1)
        #expect(later.currentQuarter.description == "2026-Q4")
    }

    @Test func quartersFollowTheFiscalCalendar() throws {
        let portal = ContentFolder.portal.replacingOccurrences(of: "fiscal_year_start: 1", with: "fiscal_year_start: 10")
        let folder = try ContentFolder(
            [
                "meetings/a.md": meetingNote("2026-09-30", "Body\n"),
                "meetings/b.md": meetingNote("2027-01-04", "Body\n"),
            ], portal: portal)
        let analysis = try #require(folder.analysis(asOf: "2027-01-05"))
        #expect(analysis.quarters.map(\.quarter.description) == ["2025-Q4", "2026-Q1", "2026-Q2"])
        #expect(analysis.quarters.map(\.meetings) == [1, 0, 1])
        #expect(analysis.quarters.first.map { "\($0.firstDay)..\($0.lastDay)" } == "2026-07-01..2026-09-30")
    }

    @Test func aPortalWithoutActivityListsNoQuarters() throws {
        let analysis = try #require(try ContentFolder(["pages/p.md": "---\ntitle: P\n---\n"]).analysis())
        #expect(analysis.quarters.isEmpty)
    }
}
