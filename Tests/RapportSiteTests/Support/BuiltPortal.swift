import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// A content folder written from a dictionary of path -> text into a fresh temporary
/// folder, built with the repository's templates into a sibling output folder. Tests run
/// in parallel, so each gets its own folders; they are removed when the value goes away.
final class BuiltPortal {
    let root: String
    var content: String { root + "/content" }
    var output: String { root + "/output" }
    private(set) var report: BuildReport? = nil

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../templates").standardizedFileURL.path

    /// The `portal.yaml` of most tests: two parties, three people, a base URL.
    static let portal = """
        title: Test partnership
        client: { name: Acme Retail, short: Acme }
        provider: { name: Northwind Services, short: Northwind }
        people:
          ana: { name: Ana Ruiz, team: client, role: Service owner }
          raj: { name: Raj Mehta, team: provider, role: Delivery lead }
          li: { name: Li Wei, team: provider, role: Account director }
        fiscal_year_start: 1
        base_url: https://portal.example.com/

        """

    /// Writes `files` (and `portal.yaml` unless given).
    init(_ files: [String: String], portal: String = BuiltPortal.portal) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-site-\(UUID().uuidString)").path
        var all = files
        if all["portal.yaml"] == nil { all["portal.yaml"] = portal }
        for (path, text) in all { try write(path, text) }
        try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: content + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func options(asOf: String, internal: Bool = false, drafts: Bool = false, gitInfo: Bool = false) -> BuildOptions {
        BuildOptions(
            content: content, templates: BuiltPortal.templates, output: output, asOf: Day(asOf)!,
            includeInternal: `internal`, includeDrafts: drafts, gitInfo: gitInfo)
    }

    /// Builds the portal; a failed build is recorded as an issue and rethrown.
    @discardableResult
    func build(asOf: String, internal: Bool = false, drafts: Bool = false, gitInfo: Bool = false) throws -> BuildReport {
        do {
            let report = try SiteBuilder.build(options(asOf: asOf, internal: `internal`, drafts: drafts, gitInfo: gitInfo))
            self.report = report
            return report
        } catch let failure as BuildFailure {
            Issue.record("the build failed: \(failure.diagnostics.map(\.description))")
            throw failure
        }
    }

    /// The text of a built file, e.g. `index.html`; empty (and an issue) when missing.
    func file(_ route: String) -> String {
        guard let data = FileManager.default.contents(atPath: output + "/" + route) else {
            Issue.record("no file \(route) in the build")
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    func bytes(_ route: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: output + "/" + route) ?? Data())
    }

    func exists(_ route: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + route) }
}

extension String {
    /// The element of `html` (e.g. `<article class="tile`) that contains `marker`: from the
    /// last `open` before the marker to the first `close` after it.
    func element(_ open: String, _ close: String, containing marker: String) -> String? {
        guard let at = range(of: marker), let start = self[..<at.lowerBound].range(of: open, options: .backwards),
            let end = self[at.upperBound...].range(of: close)
        else { return nil }
        return String(self[start.lowerBound..<end.upperBound])
    }

    /// Occurrences of `needle`.
    func count(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
