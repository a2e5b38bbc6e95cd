import Foundation
import Testing

@testable import RapportSite

/// The escapers give what replacing character by character gives, on random text with the
/// bytes that need escaping at every place of an eight-byte chunk (HTML escaping skips
/// eight bytes at a time where nothing needs it).
@Suite struct EscaperTests {
    /// Random text from pieces that need escaping and pieces that do not, of every length
    /// up to a few chunks, so that special bytes fall at every place in a chunk.
    static func texts(count: Int) -> [String] {
        var seed: UInt64 = 11
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        let pieces = [
            "a", "word", "eightchr", " ", "<", ">", "&", "\"", "'", "\\", "\n", "\t", "\u{01}", "\u{1F}", "é", "✅",
            "\u{2028}", "\u{2029}", "\u{2027}", "=", ";", "<>&\"'", "\u{3B}", "\u{7F}",
        ]
        return (0..<count).map { _ in (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test func htmlEscapingMatchesReplacingEachCharacter() {
        for text in Self.texts(count: 5_000) {
            var expected = ""
            for character in text.unicodeScalars {
                switch character {
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "&": expected += "&amp;"
                case "\"": expected += "&quot;"
                case "'": expected += "&#39;"
                default: expected.unicodeScalars.append(character)
                }
            }
            var out: [UInt8] = []
            HTMLEscaper.append(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == expected, "'\(text)'")
        }
    }

    @Test func jsonEscapingMatchesEncodingEachCharacter() throws {
        for text in Self.texts(count: 5_000) {
            var expected = "\""
            for character in text.unicodeScalars {
                switch character {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\r": expected += "\\r"
                case "\t": expected += "\\t"
                case "<": expected += "\\u003c"
                case ">": expected += "\\u003e"
                case "&": expected += "\\u0026"
                case "\u{2028}": expected += "\\u2028"
                case "\u{2029}": expected += "\\u2029"
                case _ where character.value < 0x20: expected += String(format: "\\u%04x", character.value)
                default: expected.unicodeScalars.append(character)
                }
            }
            expected += "\""
            #expect(JSONWriter.string(text) == expected, "'\(text)'")
            // And it reads back as the text.
            let decoded = try JSONSerialization.jsonObject(with: Data(JSONWriter.string(text).utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == text)
        }
    }
}
