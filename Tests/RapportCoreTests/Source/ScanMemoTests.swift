import Foundation
import Testing

@testable import RapportCore

/// A serve session's scan reads again only the folders whose signature changed, and
/// never trusts a folder that changed just before it was read.
@Suite struct ScanMemoTests {
    static let files = [
        "meetings/2026-04-07-a.md": meetingNote("2026-04-07", "A.\n"),
        "pages/plan.md": "---\ntitle: Plan\n---\n",
    ]

    /// Puts a folder's modification time at `seconds` since 1970.
    private func setTime(_ path: String, _ seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    private var anHourAgo: Int { Int(Date().timeIntervalSince1970) - 3600 }

    /// The fixture with every folder's time an hour back, so that the memo trusts them.
    private func settledFolder() throws -> (folder: ContentFolder, past: Int) {
        let folder = try ContentFolder(Self.files)
        let past = anHourAgo
        for path in ["", "/meetings", "/pages"] { setTime(folder.root + path, past) }
        return (folder, past)
    }

    @Test func aFolderWhoseSignatureDidNotChangeIsNotReadAgain() throws {
        let (folder, past) = try settledFolder()
        var memo = ScanMemo()
        let first = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        #expect(first.notes == ["meetings/2026-04-07-a.md", "pages/plan.md"])

        // A rename with the folder's time put back leaves the same signature: the folder is
        // not read, so the listing is the last one (which a real edit could not cause).
        try FileManager.default.moveItem(atPath: folder.root + "/meetings/2026-04-07-a.md", toPath: folder.root + "/meetings/2026-04-07-b.md")
        setTime(folder.root + "/meetings", past)
        #expect(ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo).notes == first.notes)
        #expect(ContentScanner.list(root: folder.root, displayRoot: "content").notes == ["meetings/2026-04-07-b.md", "pages/plan.md"])
    }

    /// A note saved by writing a new file and renaming it over the old one changes its
    /// folder's time but not its entries: the listing is the same; a note added after is seen.
    @Test func aSaveByRenamingKeepsTheListingAndANewNoteIsSeen() throws {
        let (folder, _) = try settledFolder()
        var memo = ScanMemo()
        let first = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        let note = folder.root + "/meetings/2026-04-07-a.md"
        try Data(meetingNote("2026-04-07", "A, edited.\n").utf8).write(to: URL(fileURLWithPath: note + ".tmp"))
        #expect(rename(note + ".tmp", note) == 0)
        let saved = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        #expect(saved.notes == first.notes)
        try Data(meetingNote("2026-04-08", "B.\n").utf8).write(to: URL(fileURLWithPath: folder.root + "/meetings/2026-04-08-b.md"))
        let added = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        #expect(added.notes == ["meetings/2026-04-07-a.md", "meetings/2026-04-08-b.md", "pages/plan.md"])
    }

    @Test func aFolderThatChangedIsReadAgainAndTheOthersAreNot() throws {
        let (folder, _) = try settledFolder()
        var memo = ScanMemo()
        _ = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)

        try Data("---\ntitle: Later\n---\n".utf8).write(to: URL(fileURLWithPath: folder.root + "/meetings/2026-05-01-later.md"))
        try FileManager.default.createDirectory(atPath: folder.root + "/pages/sub", withIntermediateDirectories: true)
        try Data("---\ntitle: Deep\n---\n".utf8).write(to: URL(fileURLWithPath: folder.root + "/pages/sub/deep.md"))
        try FileManager.default.createSymbolicLink(atPath: folder.root + "/pages/alias.md", withDestinationPath: folder.root + "/pages/plan.md")
        let second = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        let cold = ContentScanner.list(root: folder.root, displayRoot: "content")
        #expect(second.notes == ["meetings/2026-04-07-a.md", "meetings/2026-05-01-later.md", "pages/plan.md", "pages/sub/deep.md"])
        #expect(second.notes == cold.notes)
        #expect(second.diagnostics == cold.diagnostics)
        #expect(second.diagnostics.map(\.message) == ["symbolic link: notes must be regular files inside the content folder"])

        try FileManager.default.removeItem(atPath: folder.root + "/meetings/2026-04-07-a.md")
        #expect(ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo).notes == ["meetings/2026-05-01-later.md", "pages/plan.md", "pages/sub/deep.md"])
    }

    @Test func aFolderReadJustAfterItChangedIsReadAgainEvenWithTheSameSignature() throws {
        let folder = try ContentFolder(Self.files)
        // Now, as an edit just before the read leaves it: the next change could keep this time.
        let now = Int(Date().timeIntervalSince1970)
        setTime(folder.root + "/meetings", now)
        var memo = ScanMemo()
        _ = ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo)
        try FileManager.default.moveItem(atPath: folder.root + "/meetings/2026-04-07-a.md", toPath: folder.root + "/meetings/2026-04-07-b.md")
        setTime(folder.root + "/meetings", now)
        #expect(ContentScanner.list(root: folder.root, displayRoot: "content", memo: &memo).notes == ["meetings/2026-04-07-b.md", "pages/plan.md"])
    }
}
