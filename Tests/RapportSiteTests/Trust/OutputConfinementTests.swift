import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Nothing is ever written outside the output folder, whatever a note's name or keys say
/// (CONTENT-MODEL "Visibility and bad input"): tags, handles, attendees and file names
/// that look like paths become file names inside the output folder, and names that would
/// collide with a list page get a name of their own. (File names that cannot be part of a
/// page's address are errors: see HostileFilesTests.)
@Suite struct OutputConfinementTests {
    static let portal = """
        title: Confinement test
        client: { name: Acme Retail, short: Acme }
        provider: { name: Northwind Services, short: Northwind }
        people:
          ana: { name: Ana Ruiz, team: client }
          "..": { name: Dot Dot, team: client }
          index: { name: Index Person, team: provider }
          a..b: { name: A B, team: provider }
        base_url: https://portal.example.com/

        """

    static let files: [String: String] = [
        "portal.yaml": portal,
        "meetings/2026-04-12-escaped.md": """
            ---
            title: Path-like attendees and tags
            date: 2026-04-12
            attendees: ["../../etc/passwd", "@..", index]
            tags: ["../../../escaped", "..", "/etc/passwd", "index", "Index", "%2e%2e%2f", "..\\\\..\\\\windows"]
            ---

            - [ ] @.. Check the dots (due 2026-04-20)
            """,
        "changes/2026-04-13-path.md": "---\ntitle: Requested by a path\ndate: 2026-04-13\nrequested_by: \"@../../x\"\n---\n",
        "wins/2026-04-14-path.md": "---\ntitle: A win naming a path\ndate: 2026-04-14\nkpi: ../../../etc/passwd\n---\n",
    ]

    @Test func everyRouteIsARelativePathWithoutDotSegments() throws {
        let fixture = try SiteFixture(Self.files)
        let options = fixture.options()
        let loaded = PortalLoader.load(contentRoot: options.content, options: LoadOptions(), route: Routes.note)
        let portal = try #require(loaded.portal, "\(loaded.diagnostics)")
        let model = SiteModel(
            portal: portal, analysis: Analysis(portal: portal, asOf: options.asOf), includeInternal: false,
            includeDrafts: false, baseURL: "https://portal.example.com/")
        let templates = try TemplateSet.load(from: options.templates).get()
        let routes = SitePages.jobs(model: model, templates: templates).map(\.route)
        #expect(Set(routes).count == routes.count, "two files share a route")
        for route in routes {
            let parts = route.split(separator: "/", omittingEmptySubsequences: false)
            #expect(!route.hasPrefix("/") && !parts.contains("..") && !parts.contains(".") && !parts.contains(""), "\(route)")
        }
        #expect(routes.contains("tags/_index.html") && routes.contains("tags/index.html"))
        #expect(routes.contains("people/_index.html") && routes.contains("people/index.html"))
        #expect(routes.contains("tags/escaped.html") && routes.contains("tags/etc-passwd.html"))
        #expect(routes.contains("meetings/2026-04-12-escaped.html"))
    }

    @Test func aBuildWritesOnlyInsideItsOutputFolder() throws {
        let fixture = try SiteFixture(Self.files)
        let report = try fixture.build()
        #expect(
            report.lines == [
                "\(fixture.content)/meetings/2026-04-12-escaped.md:4:13: warning: unknown person '@../../etc/passwd': add them to people in portal.yaml",
                "\(fixture.content)/wins/2026-04-14-path.md:1:1: warning: 'kpi: ../../../etc/passwd' names no KPI of this build",
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted() == ["content", "output"])
        let written = fixture.files().keys
        #expect(written.contains("tags/_index.html") && written.contains("people/_index.html"))
        #expect(fixture.page("tags/index.html")?.contains("href=\"../tags/_index.html\"") == true)
        #expect(fixture.page("people/_index.html")?.contains("Index Person") == true)
    }

    @Test func rapportNewNeverNamesANoteIndex() {
        let day = Day("2026-04-01")!
        #expect(NewNote(kind: .page, title: "Index", date: day).path == "pages/page-index.md")
        #expect(NewNote(kind: .kpi, title: "INDEX!", date: day).path == "kpis/kpi-index.md")
        #expect(NewNote(kind: .page, title: "Index of contacts", date: day).path == "pages/index-of-contacts.md")
    }
}
