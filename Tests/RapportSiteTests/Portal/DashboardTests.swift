import RapportCore
import Testing

@testable import RapportSite

/// The home page shows the fixture's exact figures, and overdue actions with their owners.
@Suite struct DashboardTests {
    let portal: BuiltPortal
    let home: String

    init() throws {
        portal = try BuiltPortal(PortalFixture.files)
        try portal.build(asOf: PortalFixture.asOf)
        home = portal.file("index.html")
    }

    func tile(_ title: String) throws -> String {
        try #require(home.element("<article class=\"tile", "</article>", containing: ">\(title)</a>"))
    }

    @Test func scorecardTilesShowTheLatestValueStatusAndTarget() throws {
        let fcr = try tile("First contact resolution")
        #expect(fcr.hasPrefix("<article class=\"tile status-border-green\">"))
        #expect(fcr.contains("<p class=\"tile-value\">86.2%</p>"))
        #expect(fcr.contains("<span class=\"status status-green\">"))
        #expect(fcr.contains("</svg>On target</span> <span class=\"muted\">Mar 2026</span>"))
        #expect(fcr.contains("Target 85% · Higher is better"))

        let aht = try tile("Average handle time")
        #expect(aht.hasPrefix("<article class=\"tile status-border-amber\">"))
        #expect(aht.contains("<p class=\"tile-value\">447 s</p>"))
        #expect(aht.contains("</svg>At risk</span> <span class=\"muted\">Feb 2026</span>"))

        // April's 3 starts after the as-of date: February's 9 is the latest, and red.
        let escalations = try tile("Escalations")
        #expect(escalations.contains("<p class=\"tile-value\">9</p>"))
        #expect(escalations.contains("</svg>Off target</span> <span class=\"muted\">Feb 2026</span>"))

        let backlog = try tile("Backlog")
        #expect(backlog.hasPrefix("<article class=\"tile status-border-none\">"))
        #expect(backlog.contains("<p class=\"tile-value\">12 tickets</p>"))
        #expect(backlog.contains("</svg>No target</span>"))
        #expect(backlog.contains("No target · Higher is better"))
    }

    @Test func trendIsReadWithTheKPIsDirection() throws {
        // Up is better for resolution, worse for handle time.
        #expect(try tile("First contact resolution").contains(
            "<p class=\"trend trend-improving\"><span aria-hidden=\"true\">▲</span> +2.1 pts <span class=\"trend-label\">Improving <span class=\"trend-since\">since Feb 2026</span></span></p>"))
        #expect(try tile("Average handle time").contains(
            "<p class=\"trend trend-worsening\"><span aria-hidden=\"true\">▲</span> +16 s <span class=\"trend-label\">Worsening <span class=\"trend-since\">since Jan 2026</span></span></p>"))
    }

    @Test func tilesCarryASparklineOnlyWithTwoPeriods() throws {
        #expect(try tile("First contact resolution").contains(
            "<svg class=\"sparkline\" viewBox=\"0 0 200 40\" role=\"img\" aria-label=\"First contact resolution: 82.5% in Jan 2026 to 86.2% in Mar 2026\">"))
        #expect(!(try tile("Backlog").contains("sparkline")))
    }

    @Test func scorecardSummaryCountsStatuses() {
        #expect(home.contains("4 KPIs: 1 on target, 1 at risk, 1 off target, 1 no target"))
    }

    @Test func overdueActionsAppearWithTheirOwnerLongestOverdueFirst() throws {
        let overdue = try #require(home.element("<h3>Overdue", "</ul>", containing: "Send the rota"))
        #expect(overdue.contains("<span class=\"count count-alert\">2</span>"))
        #expect(overdue.count(of: "<li class=\"action-item action-item-overdue\">") == 2)
        let rota = try #require(overdue.range(of: "@ana Send the rota (due 2026-03-10)"))
        let room = try #require(overdue.range(of: "Confirm the room (due 2026-03-15)"))
        #expect(rota.lowerBound < room.lowerBound)
        #expect(overdue.contains(
            "<p class=\"meta\"><strong>Ana Ruiz</strong> · due <time datetime=\"2026-03-10\">10 Mar 2026</time> · <span class=\"due-note\">10 days overdue</span>"))
        #expect(overdue.contains("<strong>No owner</strong> · due <time datetime=\"2026-03-15\">15 Mar 2026</time> · <span class=\"due-note\">5 days overdue</span>"))
        // Done actions are never overdue, whatever their due date.
        #expect(!overdue.contains("Book the trainers"))
    }

    @Test func dueSoonListsOpenActionsOfTheNextTwoWeeks() throws {
        let soon = try #require(home.element("<h3>Due in the next 14 days", "</ul>", containing: "Fix the IVR"))
        #expect(soon.contains("<strong>Raj Mehta</strong> · due <time datetime=\"2026-03-25\">25 Mar 2026</time> · in 5 days"))
    }

    @Test func actionTrackerMarksOverdueRowsAndLinksOwners() throws {
        let tracker = portal.file("actions/index.html")
        let row = try #require(tracker.element("<tr class=\"action", "</tr>", containing: "Send the rota"))
        #expect(row.hasPrefix("<tr class=\"action action-overdue\">"))
        #expect(row.contains("<td data-label=\"Owner\"><a href=\"../people/ana.html\">Ana Ruiz</a></td>"))
        #expect(row.contains("<span class=\"due-note\">10 days overdue</span>"))
        #expect(tracker.contains("<strong class=\"text-overdue\">2 overdue</strong>, 1 open, 1 done"))
    }

    @Test func meetingsWinsFeedbackAndExpectationsAtRisk() throws {
        let upcoming = try #require(home.element("<h3>Upcoming", "</ul>", containing: "April steering"))
        #expect(upcoming.contains("<time datetime=\"2026-04-01\">1 Apr 2026</time> <a href=\"meetings/2026-04-01-steering.html\">April steering committee</a>"))
        #expect(home.contains("<a href=\"wins/2026-03-12-record-week.html\">Record week for first contact resolution</a> <span class=\"muted\">· Acme and Northwind</span>"))
        #expect(home.contains("<a href=\"feedback/2026-03-09-late-rota.html\">The rota arrives late</a> <span class=\"badge badge-acknowledged\">Acknowledged</span> <span class=\"muted\">from Northwind</span>"))
        #expect(home.contains("<a href=\"expectations/weekly-pack.html\">Weekly performance pack</a> <span class=\"badge badge-at-risk\">At risk</span>"))
    }

    @Test func partnershipPulseCountsEachHabit() {
        #expect(home.contains("<h3>Regular communication</h3><p class=\"pillar-figure\">4 days</p><p class=\"pillar-detail\">since the last meeting · 2 held this quarter · next on 1 Apr 2026</p>"))
        #expect(home.contains("<h3>Working together</h3><p class=\"pillar-figure\">25%</p><p class=\"pillar-detail\">of 4 actions done · 1 open · 2 overdue</p>"))
        #expect(home.contains("<h3>Monitored KPIs</h3><p class=\"pillar-figure\">1 of 4</p>"))
    }

    @Test func sharedHomeShowsNothingInternalOrDraft() {
        #expect(!home.contains("Internal pricing huddle"))
        #expect(!home.contains("Reprice the contract"))
        #expect(!home.contains("Unannounced draft celebration"))
    }
}
