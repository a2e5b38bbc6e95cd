import Testing

@testable import RapportCore

/// Finding the front matter: the fences, the text encodings the contract accepts, and the
/// file lines the YAML and the body start at.
@Suite struct FrontMatterSplitTests {
    private func split(_ text: String) -> Result<FrontMatterSplit, Diagnostic> {
        FrontMatter.split(text, path: "content/pages/x.md")
    }

    @Test func yamlAndBodyAreSplitAtTheFences() throws {
        let parts = try split("---\ntitle: A\ntags: [a]\n---\n\nBody line\n").get()
        #expect(parts.yaml == "title: A\ntags: [a]")
        #expect(parts.yamlFirstLine == 2)
        #expect(parts.body == "\nBody line\n")
        #expect(parts.bodyFirstLine == 5)
    }

    @Test func aByteOrderMarkIsDroppedAndCRLFBecomesLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)
        let text = try #require(FrontMatter.decodeText(bytes))
        #expect(text == "---\ntitle: A\n---\nBody\n")
        let parts = try split(text).get()
        #expect(parts.yaml == "title: A")
        #expect(parts.body == "Body\n")
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(FrontMatter.decodeText([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]) == nil)
    }

    @Test func aFenceInTheBodyIsBodyText() throws {
        let text = "---\ntitle: A\n---\nIntro\n\n---\n\nAfter a rule\n"
        let parts = try split(text).get()
        #expect(parts.yaml == "title: A")
        #expect(parts.body == "Intro\n\n---\n\nAfter a rule\n")
    }

    @Test func aFenceInsideACodeBlockOfTheBodyIsBodyText() throws {
        let text = "---\ntitle: A\n---\n```yaml\n---\nkey: value\n---\n```\n"
        let parts = try split(text).get()
        #expect(parts.yaml == "title: A")
        #expect(parts.body == "```yaml\n---\nkey: value\n---\n```\n")
        #expect(parts.bodyFirstLine == 4)
    }

    @Test func fencesMayCarryTrailingSpaces() throws {
        let parts = try split("---  \ntitle: A\n--- \t\nBody\n").get()
        #expect(parts.yaml == "title: A")
        #expect(parts.body == "Body\n")
    }

    @Test func anUnclosedFrontMatterIsAnErrorAtLineOne() {
        let result = split("---\ntitle: A\ndate: 2026-01-01\n\nBody without a closing fence\n")
        #expect(
            result.failure?.description
                == "content/pages/x.md:1:1: error: front matter is not closed: no line '---' after the opening one")
    }

    @Test(arguments: ["title: A\n---\nBody\n", "Just Markdown\n", "\n---\ntitle: A\n---\n", "----\ntitle: A\n----\n"])
    func aNoteWithoutFrontMatterIsAnErrorAtLineOne(text: String) {
        #expect(
            split(text).failure?.description
                == "content/pages/x.md:1:1: error: missing front matter: a note starts with a line '---', then YAML, then '---'"
        )
    }

    @Test func anEmptyBodyIsAllowed() throws {
        let parts = try split("---\ntitle: A\n---").get()
        #expect(parts.body == "")
        #expect(parts.bodyFirstLine == 4)
    }

    @Test func aLoneCRIsALineEndAndTextWithoutCRIsKeptAsItIs() throws {
        #expect(FrontMatter.decodeText(Array("---\rtitle: A\r\n---\rBody\r\r".utf8)) == "---\ntitle: A\n---\nBody\n\n")
        #expect(FrontMatter.decodeText(Array("---\ntitle: Café\n---\nBody".utf8)) == "---\ntitle: Café\n---\nBody")
        #expect(FrontMatter.decodeText([0xEF, 0xBB, 0xBF]) == "")
        #expect(FrontMatter.decodeText([0xEF, 0xBB, 0xBF, 0xFF]) == nil)
        #expect(FrontMatter.decodeText([0x61, 0x0D, 0xFF]) == nil)
    }

    @Test func aFenceRightAfterTheOpeningOneLeavesTheYAMLEmpty() throws {
        let parts = try split("---\n---\nBody\n").get()
        #expect(parts.yaml == "")
        #expect(parts.body == "Body\n")
        #expect(parts.bodyFirstLine == 3)
    }

    @Test(arguments: ["---", "---\n", "---\n\n"])
    func anOpeningFenceAloneIsNotClosed(text: String) {
        #expect(
            split(text).failure?.description
                == "content/pages/x.md:1:1: error: front matter is not closed: no line '---' after the opening one")
    }

    @Test func nonASCIITextOnEitherSideOfTheFencesIsKeptWhole() throws {
        let parts = try split("---\ntitle: Zoë 🚀\nnote: e\u{301}\n--- \nΣ body é\n---\u{301}\nend").get()
        #expect(parts.yaml == "title: Zoë 🚀\nnote: e\u{301}")
        #expect(parts.body == "Σ body é\n---\u{301}\nend")
        #expect(parts.bodyFirstLine == 5)
    }

    /// The split as it was written before it worked on bytes: by `Character` lines.
    private func characterSplit(_ text: String) -> (yaml: String, body: String, bodyFirstLine: Int)? {
        func isFence(_ line: Substring) -> Bool {
            line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard isFence(lines[0]), let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return nil
        }
        let body = close + 1 < lines.count ? lines[(close + 1)...].joined(separator: "\n") : ""
        return (lines[1..<close].joined(separator: "\n"), body, close + 2)
    }

    @Test func theByteSplitAgreesWithSplittingByCharacters() {
        let pieces = ["---", "--- ", "---\t", "----", " ---", "-- -", "---\u{301}", "\u{301}", "title: A", "é", "", "x\u{301}"]
        var checked = 0
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    for end in ["", "\n"] {
                        let text = [first, second, third].joined(separator: "\n") + end
                        let expected = characterSplit(text)
                        let actual = try? split(text).get()
                        #expect(actual?.yaml == expected?.yaml, "\(text.debugDescription)")
                        #expect(actual?.body == expected?.body, "\(text.debugDescription)")
                        #expect(actual?.bodyFirstLine == expected?.bodyFirstLine, "\(text.debugDescription)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 2 * 12 * 12 * 12)
    }

    @Test func throughTheLoaderAnUnclosedFenceNamesTheFileAtLineOne() throws {
        let folder = try ContentFolder(["pages/open.md": "---\ntitle: Open\n\nNo closing fence.\n"])
        #expect(
            folder.load().lines == [
                "content/pages/open.md:1:1: error: front matter is not closed: no line '---' after the opening one"
            ])
    }

    @Test func throughTheLoaderBOMAndCRLFNotesLoad() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Windows note\r\n---\r\n\r\nBody\r\n".utf8)
        let folder = try ContentFolder([:], bytes: ["pages/windows.md": bytes])
        let result = folder.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.portal?.notes.map(\.title) == ["Windows note"])
        #expect(result.portal?.notes.first?.body.html == "<p>Body</p>\n")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
