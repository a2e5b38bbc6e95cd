import Foundation
import Testing

@testable import RapportCore

/// The `memchr` search for a needle finds what a plain byte-by-byte scan finds.
@Suite struct StringBytesTests {
    /// The first offset from `start` at which the needle's bytes occur, byte by byte.
    static func scan(_ text: String, _ needle: String, from start: Int) -> Int? {
        let hay = Array(text.utf8)
        let pin = Array(needle.utf8)
        guard !pin.isEmpty, hay.count >= pin.count, start <= hay.count - pin.count else { return nil }
        return (start...(hay.count - pin.count)).first { Array(hay[$0..<($0 + pin.count)]) == pin }
    }

    @Test(arguments: [
        ("{{kpi x}} and {{kpi y}}", "{{kpi"), ("", "a"), ("a", ""), ("ab", "abc"), ("aaab", "aab"), ("xyz", "z"),
        ("é{{é", "{{é"), ("}}}", "}}"), ("no match here", "{{"), ("abcabc", "abc"),
    ])
    func findsWhatAByteScanFinds(text: String, needle: String) {
        for start in 0...text.utf8.count {
            #expect(text.byteOffset(of: needle, from: start) == Self.scan(text, needle, from: start))
        }
    }
}

/// Replacing by bytes gives what Foundation's `replacingOccurrences(of:with:)` gives.
@Suite struct StringReplacingBytesTests {
    @Test func fillsTheRootMarkerOfANoteBody() {
        let html = #"<p><a href="RAPPORT-ROOT/meetings/a.html">a</a> and <a href="RAPPORT-ROOT/kpis/b.html">b</a></p>"#
        #expect(
            html.replacingBytes("RAPPORT-ROOT/", with: "../")
                == #"<p><a href="../meetings/a.html">a</a> and <a href="../kpis/b.html">b</a></p>"#)
    }

    @Test(arguments: [
        ("aaa", "aa", "b", "ba"), ("abcabc", "abc", "", ""), ("xay", "a", "ééé", "xéééy"), ("é-é", "-", " ", "é é"),
        ("no match", "zz", "y", "no match"), ("", "a", "b", ""), ("a", "a", "", ""), ("ab", "b", "→", "a→"),
    ])
    func replacesEveryOccurrenceLeftToRight(text: String, target: String, replacement: String, expected: String) {
        #expect(text.replacingBytes(target, with: replacement) == expected)
    }

    @Test func agreesWithFoundationOnRandomTexts() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pieces = ["a", "b", "ab", "é", "RAPPORT-ROOT/", "RAPPORT-ROOT", "-", " ", "<p>", "😀"]
        for _ in 0..<2_000 {
            let text = (0..<Int(next() % 12)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            let target = ["RAPPORT-ROOT/", "ab", "-", "é", "a"][Int(next() % 5)]
            let replacement = ["../", "", "é😀", "x"][Int(next() % 4)]
            let reference = text.isEmpty ? text : text.replacingOccurrences(of: target, with: replacement, options: .literal)
            #expect(text.replacingBytes(target, with: replacement) == reference, "\(text) \(target) \(replacement)")
        }
    }
}

/// Texts joined in one allocation, and the ASCII test read eight bytes at a time, agree
/// with the standard library's `+` and `allSatisfy`.
@Suite struct StringJoiningTests {
    @Test(arguments: [
        ["../", "meetings", "/", "2026-01-05-weekly", ".html"], ["", "x"], ["", ""], ["é", "😀", "a\u{301}", "", "/"],
        ["tag|", "../../", "|", "quality-assurance"], [String(repeating: "long ", count: 40), "tail"],
    ])
    func joiningGivesWhatPlusGives(parts: [String]) {
        let padded = parts + Array(repeating: "", count: 5 - parts.count)
        let joined = String(joining: padded[0], padded[1], padded[2], padded[3], padded[4])
        #expect(joined == parts.reduce("", +))
        #expect(joined.utf8.count == parts.reduce(0) { $0 + $1.utf8.count })
    }

    @Test(arguments: ["", "a", "exactly8", "seventeen bytes!!", "é", "1234567é", "12345678é", "ascii then 😀 at the end"])
    func isASCIIAgreesWithAByteTest(text: String) {
        #expect(text.isASCII == text.utf8.allSatisfy { $0 < 0x80 })
    }
}
