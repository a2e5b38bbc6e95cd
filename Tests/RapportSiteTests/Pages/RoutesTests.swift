import Testing

@testable import RapportSite

/// Pages link relative to the site root, whatever their depth.
@Suite struct RoutesTests {
    @Test func theRootIsOneStepUpPerFolderOfTheRoute() {
        #expect(Routes.root(of: "index.html") == "")
        #expect(Routes.root(of: "meetings/2026-03-02-ops.html") == "../")
        #expect(Routes.root(of: "qbr/2026-Q1/index.html") == "../../")
        #expect(Routes.root(of: "api/v1/kpis/aht.json") == "../../../")
    }

    @Test func emptySegmentsAreNotFolders() {
        // As splitting on "/" counts them: none for doubled, leading or trailing slashes.
        for route in ["a//b.html", "/a/b.html", "a/b/", "/", "a", "//x//y//z"] {
            let expected = String(repeating: "../", count: max(0, route.split(separator: "/").count - 1))
            #expect(Routes.root(of: route) == expected, "\(route)")
        }
    }
}
