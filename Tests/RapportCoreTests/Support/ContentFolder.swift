import Foundation
import Testing

@testable import RapportCore

/// A content folder written from a dictionary of path -> text into a unique temporary
/// folder, removed when the value goes away. Tests run in parallel, so each gets its own.
final class ContentFolder {
    let root: String

    /// The `portal.yaml` most tests use: two parties, two people, calendar quarters.
    static let portal = """
        title: Test portal
        client: { name: Acme Retail, short: Acme }
        provider: { name: Northwind Services, short: Northwind }
        people:
          ana: { name: Ana Ruiz, team: client, role: Service owner }
          raj: { name: Raj Mehta, team: provider, role: Delivery lead }
        fiscal_year_start: 1

        """

    /// Writes `files` (and `portal.yaml` unless given); `bytes` are written as they are.
    init(_ files: [String: String], bytes: [String: [UInt8]] = [:], portal: String? = ContentFolder.portal) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("rapport-core-\(UUID().uuidString)").path
        var all = files.mapValues { Array($0.utf8) }
        if let portal, all["portal.yaml"] == nil { all["portal.yaml"] = Array(portal.utf8) }
        for (path, data) in bytes { all[path] = data }
        for (path, data) in all {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(data).write(to: url)
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Adds a symbolic link at `path` pointing to `target`.
    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: target)
    }

    /// Loads the folder; diagnostics name files as `content/...`.
    func load(_ options: LoadOptions = LoadOptions()) -> LoadResult {
        PortalLoader.load(contentRoot: root, displayRoot: "content", options: options, route: { "\($0.kind.folder)/\($0.id).html" })
    }

    /// Loads the folder and analyses it as of `asOf`; records an issue when loading failed.
    func analysis(asOf: String = "2026-06-30", _ options: LoadOptions = LoadOptions()) -> Analysis? {
        let result = load(options)
        guard let portal = result.portal else {
            Issue.record("the content did not load: \(result.diagnostics.map(\.description))")
            return nil
        }
        return Analysis(portal: portal, asOf: Day(asOf)!)
    }
}

extension LoadResult {
    /// Every diagnostic in the `path:line:column: severity: message` form.
    var lines: [String] { diagnostics.map(\.description) }
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// A KPI note with the given front matter lines after its title.
func kpiNote(_ frontMatter: String, title: String = "A KPI") -> String {
    "---\ntitle: \(title)\n\(frontMatter)\n---\n\nThe definition.\n"
}

/// A meeting note dated `date` with `body`.
func meetingNote(_ date: String, _ body: String, extra: String = "") -> String {
    "---\ntitle: Meeting \(date)\ndate: \(date)\n\(extra)---\n\n\(body)"
}
