import Foundation
import RapportCore
import RapportSite
import Testing

/// The data API of the `portal-basic` fixture, against files whose every figure was worked
/// out by hand from the fixture and CONTENT-MODEL.md (see the notes in each test).
@Suite struct DataAPIFixtureTests {
    /// Builds the fixture once per test as of 15 August 2026 (fiscal year from April).
    private func built() throws -> SiteFixture {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build(asOf: "2026-08-15")
        return fixture
    }

    /// Parses JSON text into Foundation values, for comparing figures rather than spacing.
    private func json(_ text: String?) throws -> NSObject {
        let data = try #require(text.map { Data($0.utf8) })
        return try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject)
    }

    private func expected(_ name: String) throws -> String? {
        try String(contentsOfFile: Repository.fixtures + "/portal-basic-expected/api/" + name, encoding: .utf8)
    }

    @Test(arguments: ["kpis.json", "actions.json", "decisions.json", "quarters.json"])
    func apiFileMatchesTheHandComputedFile(name: String) throws {
        let fixture = try built()
        let actual = try json(fixture.page("api/" + name))
        let wanted = try json(try expected(name))
        #expect(actual == wanted, "api/\(name) differs from Tests/Fixtures/portal-basic-expected/api/\(name)")
        if actual != wanted, let actualArray = actual as? [NSObject], let wantedArray = wanted as? [NSObject] {
            for (index, pair) in zip(actualArray, wantedArray).enumerated() where pair.0 != pair.1 {
                Issue.record("item \(index):\n  built    \(pair.0)\n  expected \(pair.1)")
            }
        }
    }

    @Test func apiFilesAreWrittenInTheContractsKeyOrder() throws {
        let fixture = try built()
        let actions = try #require(fixture.page("api/actions.json"))
        #expect(actions.hasPrefix("[\n  {\"meeting\": \"2026-04-07-kickoff\", \"date\": \"2026-04-07\", \"owner\": \"ana\", \"text\": "))
        let kpis = try #require(fixture.page("api/kpis.json"))
        #expect(kpis.contains("{\"quarter\": \"2026-Q1\", \"value\": 85, \"status\": \"green\", \"attainment\": 0.5,"))
        #expect(kpis.contains("{\"period\": \"2026-04\", \"value\": 84.9, \"status\": \"amber\"}"))
        #expect(!kpis.contains(".0,") && !kpis.contains(".0}"))
    }

    @Test func theFixtureBuildsWithExactlyTheWarningsItDeserves() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        let report = try fixture.build(asOf: "2026-08-15")
        let content = fixture.content
        #expect(
            report.lines == [
                "\(content)/meetings/2026-07-14-check-in.md:9:21: warning: link to a note this build leaves out (internal or draft): '2026-08-01-internal-margin-review.md' is shown as plain text"
            ])
        #expect(report.notes == 16)
    }

    @Test func anInternalBuildAddsTheInternalMeetingAndKPI() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build(output: "internal", asOf: "2026-08-15", internal: true)
        let actions = try #require(try json(fixture.page("api/actions.json", in: "internal")) as? [[String: Any]])
        #expect(actions.count == 8)
        #expect(actions[7]["text"] as? String == "@raj CANARY-INTERNAL-7f3a action (due 2026-08-02)")
        #expect(actions[7]["overdue"] as? Bool == true)
        let quarters = try #require(try json(fixture.page("api/quarters.json", in: "internal")) as? [[String: Any]])
        // The internal KPI's 2027-06 measurement (fiscal 2027-Q1) widens the range by one quarter.
        #expect(quarters.map { $0["quarter"] as? String } == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"])
        #expect(quarters[2]["meetings"] as? Int == 2)
        // The internal meeting's Decisions section holds a decision and, in the same list, its task.
        #expect(quarters[2]["decisions"] as? Int == 3)
    }
}
