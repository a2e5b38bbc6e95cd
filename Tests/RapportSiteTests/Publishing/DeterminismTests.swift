import Foundation
import RapportCore
import RapportSite
import Testing

/// The same content, templates and as-of date give byte-identical output.
@Suite struct DeterminismTests {
    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        // More notes than cores, so parallel parsing and rendering interleave differently.
        for index in 1...40 {
            let day = String(format: "%02d", index % 28 + 1)
            try fixture.write(
                "meetings/2026-05-\(day)-sync-\(index).md",
                "---\ntitle: Sync \(index)\ndate: 2026-05-\(day)\ntags: [t\(index % 5)]\n---\n\n~~old~~ new | a |\n\n- [ ] @raj item \(index) (due 2026-06-\(day))\n\n## Decisions\n\n- decided \(index)\n")
        }
        try fixture.build(output: "one")
        try fixture.build(output: "two")
        let one = fixture.files(in: "one")
        let two = fixture.files(in: "two")
        #expect(one.count > 60)
        #expect(one.keys.sorted() == two.keys.sorted())
        for (route, bytes) in one { #expect(two[route] == bytes, "\(route) differs between two builds") }
    }

    @Test func theAsOfDateIsAnInputLikeTheContent() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build(output: "august", asOf: "2026-08-15")
        try fixture.build(output: "april", asOf: "2026-04-15")
        let august = try #require(fixture.page("api/actions.json", in: "august"))
        let april = try #require(fixture.page("api/actions.json", in: "april"))
        #expect(august != april)
        #expect(april.contains("\"text\": \"@raj Update the escalation matrix (due 2026-04-20)\", \"due\": \"2026-04-20\", \"done\": false, \"overdue\": false"))
    }
}
