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
