import Testing

@testable import RapportCore

/// YAML errors name the line in the note's file, not in the front matter (the opening
/// `---` is line 1, so the YAML's first line is line 2 of the file).
@Suite struct YAMLErrorLineTests {
    private func diagnostics(_ note: String) throws -> [String] {
        try ContentFolder(["pages/p.md": note]).load().lines
    }

    @Test func aMappingValueWhereNoneIsAllowedIsReportedAtItsFileLine() throws {
        let lines = try diagnostics("---\ntitle: A\ntags: [a]\nowner: team: provider\n---\n\nBody\n")
        #expect(lines == ["content/pages/p.md:4:12: error: YAML: mapping values are not allowed in this context"])
    }

    @Test func aTabThatCannotStartATokenIsReportedAtItsFileLine() throws {
        let lines = try diagnostics("---\ntitle: A\nextra:\n\t- one\n---\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/pages/p.md:4:") == true)
        #expect(lines.first?.contains("error: YAML: found character that cannot start any token") == true)
    }

    @Test func anUnclosedFlowSequenceNamesTheLineWhereTheParserGaveUp() throws {
        let lines = try diagnostics("---\ntitle: A\ntags: [a, b\nowner: provider\n---\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/pages/p.md:4:") == true)
    }

    @Test(arguments: ["\u{01}", "\u{7F}", "\u{9F}"])
    func aControlCharacterIsReportedAtItsFileLineNotAtTheStart(character: String) throws {
        let lines = try diagnostics("---\ntitle: A\ntags: [a]\nowner: a\(character)b\n---\n")
        #expect(lines == ["content/pages/p.md:4:9: error: YAML: control characters are not allowed"])
    }

    @Test func aDuplicateKeyIsAnErrorInTheFile() throws {
        let lines = try diagnostics("---\ntitle: A\ntags: [a]\ntitle: B\n---\n")
        #expect(lines == ["content/pages/p.md:2:1: error: YAML: duplicate key 'title'"])
    }

    @Test func theLineOffsetHoldsInPortalYAMLToo() throws {
        let folder = try ContentFolder([:], portal: "title: P\nclient: Acme\nprovider: Northwind\npeople: [\n")
        let lines = folder.load().lines
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/portal.yaml:5:") == true)
    }

    @Test func aBadValueOfAKnownKeyIsReportedAtTheValue() throws {
        let lines = try diagnostics("---\ntitle: A\n\n\ndraft: maybe\n---\n")
        #expect(lines == ["content/pages/p.md:5:8: error: 'draft' must be true or false, not 'maybe'"])
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() throws {
        let lines = try diagnostics("---\n- just\n- a list\n---\n")
        #expect(lines == ["content/pages/p.md:2:1: error: front matter must be a mapping of keys to values"])
    }
}
