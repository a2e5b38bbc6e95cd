import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// A build session keeps parsed notes, template values, list rows and what the rows
/// printed from one rebuild to the next. Whatever it keeps, after every edit it must serve
/// exactly the files a full build of the same content writes: this test makes a series of
/// edits to a copy of the sample portal and compares every file after each one.
@Suite struct SessionEquivalenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL

    /// One edit: a name for failure messages, and what it does to the content or theme folder.
    struct Edit: Sendable {
        let name: String
        let apply: @Sendable (_ content: URL, _ theme: URL) throws -> Void
    }

    static func replace(_ path: String, _ old: String, with new: String) -> @Sendable (URL, URL) throws -> Void {
        { content, theme in
            let url = (path.hasPrefix("theme/") ? theme.appendingPathComponent(String(path.dropFirst(6))) : content.appendingPathComponent(path))
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
        }
    }

    static func write(_ path: String, _ text: String) -> @Sendable (URL, URL) throws -> Void {
        { content, _ in
            let url = content.appendingPathComponent(path)
            try Data(text.utf8).write(to: url)
        }
    }

    static let meeting = "meetings/2026-04-08-weekly-check-in.md"

    static let edits: [Edit] = [
        Edit(name: "a meeting's title", apply: replace(meeting, "title: \"Weekly check-in: Easter weekend", with: "title: \"Weekly check-in: Easter & <spring> weekend")),
        Edit(name: "an action marked open again", apply: replace(meeting, "- [x] @oliver Share", with: "- [ ] @oliver Share")),
        Edit(name: "an action's owner and due date", apply: replace(meeting, "@ahmed Re-run the May forecast once the furniture launch dates are known (due 2026-04-15)", with: "@dan Re-run the May forecast (due 2026-12-15)")),
        Edit(name: "a decision reworded", apply: replace(meeting, "- Keep the weekly check-in on Wednesdays", with: "- Move the weekly check-in to Thursdays, and keep it")),
        Edit(name: "attendees and tags", apply: replace(meeting, "attendees: [oliver, priya, carmen, ahmed, dan]\ntags: [forecasting, peak-season, training]", with: "attendees: [oliver, carmen]\ntags: [forecasting, brand-new-tag]")),
        Edit(
            name: "a new meeting",
            apply: write(
                "meetings/2026-11-18-weekly-check-in-extra.md",
                "---\ntitle: Extra check-in\ndate: 2026-11-18\nkind: check-in\nattendees: [oliver, dan]\ntags: [training]\n---\n\n@priya joined late.\n\n## Decisions\n\n- Hire two more trainers.\n\n## Action items\n\n- [ ] @dan Post the trainer roles (due 2026-11-25)\n- [ ] @oliver Book the room (due 2026-11-10)\n")),
        Edit(name: "a meeting deleted", apply: { content, _ in try FileManager.default.removeItem(at: content.appendingPathComponent("meetings/2026-06-17-weekly-check-in.md")) }),
        Edit(name: "a meeting made internal", apply: replace("meetings/2026-05-06-weekly-check-in.md", "\ndate: 2026-05-06\n", with: "\ndate: 2026-05-06\nvisibility: internal\n")),
        Edit(name: "a meeting moved to another quarter", apply: replace("meetings/2026-05-20-weekly-check-in.md", "date: 2026-05-20", with: "date: 2026-10-21")),
        Edit(name: "a win's title", apply: replace("wins/2026-05-15-april-class-certified.md", "title: ", with: "title: Renamed — ")),
        Edit(name: "the portal's title", apply: replace("portal.yaml", "title: ", with: "title: Edited ")),
        Edit(name: "a theme row partial", apply: replace("theme/partials/action-row.mustache", "<td>{{text}}</td>", with: "<td class=\"edited\">{{text}}</td>")),
        Edit(name: "the meeting edited after the theme", apply: replace(meeting, "- [ ] @oliver Share", with: "- [x] @oliver Share")),
    ]

    @Test func everyEditServesWhatAFullBuildWrites() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-equivalence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let theme = root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content"), to: content)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"), to: theme)
        let options = BuildOptions(
            content: content.path, templates: theme.path, output: "", asOf: Day("2026-11-20")!, gitInfo: false)
        let session = BuildSession(options: options)
        #expect(session.rebuild().succeeded)

        for (step, edit) in Self.edits.enumerated() {
            // A new modification time even within the file system's clock resolution.
            Thread.sleep(forTimeInterval: 0.01)
            try edit.apply(content, theme)
            let outcome = session.rebuild()
            #expect(outcome.succeeded, "\(edit.name): \(outcome.diagnostics)")
            var full = options
            full.output = root.appendingPathComponent("out-\(step)").path
            _ = try SiteBuilder.build(full)
            let built = Set(FileTree.files(under: full.output))
            var differing: [String] = []
            for route in built.sorted() where session.file(route) != ContentScanner.read(full.output + "/" + route) {
                differing.append(route)
            }
            #expect(differing.isEmpty, "after \(edit.name), the session differs from a full build in \(differing)")
            #expect(session.routes == built.sorted(), "after \(edit.name), the session serves other files than a full build writes")
        }
        // The edits reached the pages (so the comparison compared something).
        let tracker = String(decoding: session.file("actions/index.html") ?? [], as: UTF8.self)
        #expect(tracker.contains("<td class=\"edited\">"))
        #expect(tracker.contains("Easter &amp; &lt;spring&gt; weekend"))
    }
}
