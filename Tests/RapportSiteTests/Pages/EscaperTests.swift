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
        var random = SeededRandom(seed: 11)
        func next(_ bound: Int) -> Int { random.next(bound) }
        let pieces = [
            "a", "word", "eightchr", " ", "<", ">", "&", "\"", "'", "\\", "\n", "\t", "\u{01}", "\u{1F}", "é", "✅",
            "\u{2028}", "\u{2029}", "\u{2027}", "=", ";", "<>&\"'", "\u{3B}", "\u{7F}",
        ]
        return (0..<count).map { _ in (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    /// `text` with each character found in `replacements` replaced, one at a time.
    static func replacingEach(_ text: String, _ replacements: [Unicode.Scalar: String], other: (Unicode.Scalar) -> String? = { _ in nil }) -> String {
        var result = ""
        for character in text.unicodeScalars {
            if let replacement = replacements[character] ?? other(character) {
                result += replacement
            } else {
                result.unicodeScalars.append(character)
            }
        }
        return result
    }

    @Test func htmlEscapingMatchesReplacingEachCharacter() {
        let replacements: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        for text in Self.texts(count: 5_000) {
            var out: [UInt8] = []
            HTMLEscaper.append(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Self.replacingEach(text, replacements), "'\(text)'")
        }
    }

    @Test func jsonEscapingMatchesEncodingEachCharacter() throws {
        let replacements: [Unicode.Scalar: String] = [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "<": "\\u003c", ">": "\\u003e",
            "&": "\\u0026", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029",
        ]
        let control = { (character: Unicode.Scalar) in character.value < 0x20 ? String(format: "\\u%04x", character.value) : nil }
        for text in Self.texts(count: 5_000) {
            #expect(JSONWriter.string(text) == "\"" + Self.replacingEach(text, replacements, other: control) + "\"", "'\(text)'")
            // And it reads back as the text.
            let decoded = try JSONSerialization.jsonObject(with: Data(JSONWriter.string(text).utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == text)
        }
    }
}
