import Testing

@testable import RapportSite

/// The renderer's buffer holds what an array given the same appends and inserts holds,
/// across the growths of its allocation.
@Suite struct RenderBufferTests {
    @Test func appendsAndInsertsMatchAnArray() {
        var random = SeededRandom(seed: 5)
        func next(_ bound: Int) -> Int { random.next(bound) }
        var buffer = RenderBuffer(capacity: 1)
        defer { buffer.deallocate() }
        var expected: [UInt8] = []
        for step in 0..<3_000 {
            let piece = (0..<next(40)).map { _ in UInt8(next(256)) }
            switch next(3) {
            case 0:
                piece.withUnsafeBufferPointer { buffer.append(bytes: $0) }
                expected += piece
            case 1:
                buffer.append(UInt8(step % 256))
                expected.append(UInt8(step % 256))
            default:
                let at = next(expected.count + 1)
                buffer.insert(contentsOf: piece, at: at)
                expected.insert(contentsOf: piece, at: at)
            }
            #expect(buffer.count == expected.count)
        }
        #expect(buffer.array == expected)
        #expect(buffer.bytes(from: 100) == Array(expected[100...]))
        #expect(buffer[expected.count - 1] == expected[expected.count - 1])
    }
}
