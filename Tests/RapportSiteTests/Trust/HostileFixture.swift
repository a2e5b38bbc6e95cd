import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Helpers for hostile-input tests: a clean portal (`Tests/Fixtures/hostile/base`) is built
/// once, then broken by a case (a folder of `Tests/Fixtures/hostile/`, files written in
/// code, or links), and built again over the same output folder.
extension SiteFixture {
    /// A fixture holding a copy of `hostile/base` and a first, clean build of it.
    static func builtHostileBase() throws -> SiteFixture {
        let fixture = try SiteFixture(copying: "hostile/base")
        let report = try fixture.build()
        #expect(report.lines == [], "the base portal must build without a word")
        return fixture
    }

    /// Copies every file of `Tests/Fixtures/hostile/<name>/` over the content folder.
    func overlay(_ name: String) throws {
        let source = Repository.fixtures + "/hostile/" + name
        for (relative, data) in SiteFixture.files(under: source) {
            try writeBytes(relative, [UInt8](data))
        }
    }

    /// Writes `bytes` as they are (not UTF-8 text, empty files).
    func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: content + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Adds a symbolic link at `path` (in the content folder) pointing to `target`.
    func link(_ path: String, to target: String) throws {
        let url = URL(fileURLWithPath: content + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Every file under the fixture's root except the content folder (the output folder,
    /// anything beside it, hidden staging folders), with its bytes; folders as empty data.
    func snapshotOutsideContent() -> [String: Data] {
        var all: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return all }
        while let relative = walker.nextObject() as? String {
            if relative == "content" || relative.hasPrefix("content/") { continue }
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            all[relative] = isDirectory.boolValue ? Data() : FileManager.default.contents(atPath: path)
        }
        return all
    }

    /// Builds again and expects the build to fail with exactly `expected` (paths relative
    /// to the content folder), leaving the output folder and its surroundings
    /// byte-identical.
    func expectRejected(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let before = snapshotOutsideContent()
        #expect(before["output/index.html"] != nil, "no earlier build to protect", sourceLocation: sourceLocation)
        do {
            let report = try build()
            Issue.record("the build succeeded with \(report.lines)", sourceLocation: sourceLocation)
        } catch let failure as BuildFailure {
            #expect(failure.lines == expected.map { content + "/" + $0 }, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        let after = snapshotOutsideContent()
        #expect(after.keys.sorted() == before.keys.sorted(), "files appeared or vanished", sourceLocation: sourceLocation)
        for (path, bytes) in before where after[path] != bytes {
            Issue.record("\(path) changed", sourceLocation: sourceLocation)
        }
    }
}
