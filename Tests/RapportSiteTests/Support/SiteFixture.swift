import Foundation
import RapportCore
import RapportSite
import Testing

/// Where the repository's folders are, found from this file's own path.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let fixtures = root.appendingPathComponent("Tests/Fixtures").path
}

/// A scratch folder for one test, with a content folder written from a dictionary of
/// path -> text (or copied from a fixture) and room for output folders. Removed when the
/// value goes away; unique per test, since tests run in parallel.
final class SiteFixture {
    let root: String
    var content: String { root + "/content" }

    /// The `portal.yaml` written unless the files give one.
    static let portal = """
        title: Site test portal
        client: { name: Acme Retail, short: Acme }
        provider: { name: Northwind Services, short: Northwind }
        people:
          ana: { name: Ana Ruiz, team: client, role: Service owner }
          raj: { name: Raj Mehta, team: provider, role: Delivery lead }
        base_url: https://portal.example.com/

        """

    init(_ files: [String: String] = [:], copying fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-site-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        if let fixture {
            try manager.copyItem(atPath: Repository.fixtures + "/" + fixture, toPath: content)
        } else {
            try manager.createDirectory(atPath: content, withIntermediateDirectories: true)
            if files["portal.yaml"] == nil { try write("portal.yaml", Self.portal) }
        }
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes (or replaces) one content file.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: content + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Build options for this fixture; git history is not read (the folder is no repository).
    func options(output: String = "output", asOf: String = "2026-08-15", internal: Bool = false, drafts: Bool = false) -> BuildOptions {
        BuildOptions(
            content: content, templates: Repository.templates, output: root + "/" + output, asOf: Day(asOf)!,
            includeInternal: `internal`, includeDrafts: drafts, gitInfo: false)
    }

    /// Builds into `root/output` (or `output`) and returns the report.
    @discardableResult
    func build(output: String = "output", asOf: String = "2026-08-15", internal: Bool = false, drafts: Bool = false) throws -> BuildReport {
        try SiteBuilder.build(options(output: output, asOf: asOf, internal: `internal`, drafts: drafts))
    }

    /// Every regular file under `root/output`, relative to it, with its bytes.
    func files(in output: String = "output") -> [String: Data] {
        Self.files(under: root + "/" + output)
    }

    /// The text of one output file; nil when it was not written.
    func page(_ route: String, in output: String = "output") -> String? {
        FileManager.default.contents(atPath: root + "/" + output + "/" + route).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every regular file under `folder` (hidden ones too), relative to it, with its bytes.
    static func files(under folder: String) -> [String: Data] {
        var found: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return found }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return found
    }
}

extension BuildFailure {
    var lines: [String] { diagnostics.map(\.description) }
}

extension BuildReport {
    var lines: [String] { diagnostics.map(\.description) }
}
