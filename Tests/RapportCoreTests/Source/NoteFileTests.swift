import Testing

@testable import RapportCore

/// Files that cannot be notes are errors naming the file, never crashes.
@Suite struct NoteFileTests {
    @Test func anEmptyFileIsAnErrorNamingTheFile() throws {
        let folder = try ContentFolder(["pages/empty.md": ""])
        #expect(folder.load().lines == ["content/pages/empty.md:1:1: error: empty file: a note needs front matter with at least a title"])
    }

    @Test func aFileThatIsNotUTF8IsAnErrorNamingTheFile() throws {
        // "Café" in Latin-1: 0xE9 is not valid UTF-8 on its own.
        let latin1: [UInt8] = Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8)
        let folder = try ContentFolder([:], bytes: ["pages/latin1.md": latin1])
        let result = folder.load()
        #expect(result.lines == ["content/pages/latin1.md:1:1: error: not UTF-8 text: save the note as UTF-8"])
        #expect(result.portal == nil)
    }

    @Test func aSymbolicLinkIsAnErrorNamingTheFile() throws {
        let folder = try ContentFolder(["pages/real.md": "---\ntitle: Real\n---\n"])
        try folder.link("pages/alias.md", to: folder.root + "/pages/real.md")
        let result = folder.load()
        #expect(
            result.lines == [
                "content/pages/alias.md:1:1: error: symbolic link: notes must be regular files inside the content folder"
            ])
        #expect(result.portal == nil)
    }

    @Test func aSymbolicLinkToAFolderIsNotFollowed() throws {
        let folder = try ContentFolder(["pages/real.md": "---\ntitle: Real\n---\n"])
        try folder.link("meetings", to: "/etc")
        #expect(
            folder.load().lines == [
                "content/meetings:1:1: error: symbolic link: notes must be regular files inside the content folder"
            ])
    }

    @Test func twoNotesOfOneKindWithTheSameIdAreAnError() throws {
        let folder = try ContentFolder([
            "meetings/sync.md": "---\ntitle: Sync\ndate: 2026-01-05\n---\n",
            "pages/sync.md": "---\ntitle: Also a meeting\ntype: meeting\ndate: 2026-01-06\n---\n",
        ])
        #expect(
            folder.load().lines == [
                "content/pages/sync.md:1:1: error: another meeting has the id 'sync': content/meetings/sync.md"
            ])
    }

    @Test func theSameIdInSubfoldersOfOneKindIsAnError() throws {
        let folder = try ContentFolder([
            "wins/2026/record.md": "---\ntitle: One\ndate: 2026-01-05\n---\n",
            "wins/record.md": "---\ntitle: Two\ndate: 2026-01-06\n---\n",
        ])
        #expect(
            folder.load().lines == ["content/wins/record.md:1:1: error: another win has the id 'record': content/wins/2026/record.md"])
    }

    @Test func theSameIdInTwoKindsIsFine() throws {
        let folder = try ContentFolder([
            "kpis/csat.md": "---\ntitle: CSAT\n---\n",
            "pages/csat.md": "---\ntitle: About CSAT\n---\n",
        ])
        let result = folder.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.portal?.notes.map(\.ref.description) == ["kpis/csat", "pages/csat"])
    }

    @Test func aNoteOutsideTheKindFoldersNeedsAType() throws {
        let folder = try ContentFolder(["readme.md": "---\ntitle: Read me\n---\n"])
        #expect(
            folder.load().lines == [
                "content/readme.md:1:1: error: cannot tell the note's type: put it in one of meetings, kpis, wins, feedback, expectations, changes, qbr, pages, or give 'type:'"
            ])
    }

    @Test func aMissingPortalFileIsAnError() throws {
        let folder = try ContentFolder(["pages/p.md": "---\ntitle: P\n---\n"], portal: nil)
        #expect(
            folder.load().lines == [
                "content/portal.yaml:1:1: error: portal.yaml is missing: it names the portal, the two parties and the people"
            ])
    }

    @Test func hiddenFilesAreSkipped() throws {
        let folder = try ContentFolder(["pages/.draft.md": "not a note", ".git/x.md": "nor this", "pages/p.md": "---\ntitle: P\n---\n"])
        let result = folder.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.portal?.notes.map(\.id) == ["p"])
    }
}
