import Foundation
import Testing

@testable import RapportCore

/// The byte-level shortcuts of link resolution give what the Foundation and `Character`
/// operations they replace give.
@Suite struct LinkResolverTests {
    @Test(arguments: [
        "../meetings/a.md", " ../a.md", "../a.md\t", "\u{00A0}x.md", "x.md\u{3000}", "\u{200B}x.md", "", "  ", "é.md",
        "a.md é",
    ])
    func trimmingMatchesFoundationsWhitespaces(destination: String) {
        #expect(LinkResolver.trimmingWhitespace(destination) == destination.trimmingCharacters(in: .whitespaces))
    }

    @Test func schemesAreReadThroughControlCharactersAndNonASCII() {
        #expect(LinkResolver.scheme(of: "HTTPS://example.com") == "https")
        #expect(LinkResolver.scheme(of: "java\tscript:alert(1)") == "javascript")
        #expect(LinkResolver.scheme(of: "Ünï:x") == "ünï")
        #expect(LinkResolver.scheme(of: ":x") == nil)
        #expect(LinkResolver.scheme(of: "../a.md") == nil)
        #expect(LinkResolver.scheme(of: "a#b:c") == nil)
        #expect(LinkResolver.scheme(of: "plain") == nil)
    }

    static let destinations = [
        "../a.md", "a.md#part", "a.md?x=1#y", "#top", "?q", "", "a.md", ".md", "md", "a.MD", "a.md ",
        "é.md#x", "a#\u{301}b?c", "a?\u{301}#b", "x.m\u{301}d", "x.md\u{301}", "\u{301}.md", "x\r\n.md",
        "x\r.md", "\r\n#a", "e\u{301}.md", "\u{E9}.md?x",
    ]

    @Test(arguments: destinations)
    func theQueryOrFragmentIsCutWhereCharactersCutIt(destination: String) {
        let (path, suffix) = LinkResolver.cutQueryOrFragment(destination)
        if let cut = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            #expect(path == String(destination[..<cut]))
            #expect(suffix == String(destination[cut...]))
        } else {
            #expect(path == destination)
            #expect(suffix == "")
        }
    }

    @Test(arguments: destinations)
    func theMarkdownExtensionIsFoundAsHasSuffixFindsIt(destination: String) {
        #expect(LinkResolver.hasMarkdownExtension(destination) == destination.hasSuffix(".md"))
    }

    @Test(arguments: ["meetings/a.md", "/a//b/", "", "a", "é/ü.md", "a/\u{301}b/c", "x\r\n/y"])
    func slashSeparatedPartsMatchSplittingByCharacters(path: String) {
        #expect(path.slashSeparatedParts() == path.split(separator: "/"))
    }

    @Test func relativeLinksResolveAgainstTheNotesFolder() {
        #expect(LinkResolver.resolve("../wins/w.md", from: "meetings/m.md") == "wins/w.md")
        #expect(LinkResolver.resolve("./x/../y.md", from: "pages/p.md") == "pages/y.md")
        #expect(LinkResolver.resolve("../../out.md", from: "pages/p.md") == nil)
        #expect(LinkResolver.resolve("é/ü.md", from: "pages/p.md") == "pages/é/ü.md")
        // ASCII paths are resolved on bytes; they must agree with resolving by parts.
        let links = ["w.md", "../w.md", "./a/./b/../c.md", "a//b.md", "/x.md", "../../a.md", "..", ".", "a/..", "../", "...", "..a/b.md", "a/../../b.md", ""]
        for link in links {
            for note in ["m.md", "meetings/m.md", "a/b/c/m.md", "a//b/m.md", "/abs/m.md", "trailing/"] {
                #expect(LinkResolver.resolve(link, from: note) == LinkResolver.resolveByCharacters(link, from: note), "\(link) from \(note)")
            }
        }
    }
}
