/// Tests on eight bytes at once (one `UInt64`, first byte lowest), for the loops that copy
/// long runs of text which mostly need no change: white space collapsing and HTML escaping.
///
/// A mask has the high bit set in each byte that may match. A byte that matches is always
/// marked; a byte right after one may be marked too (the borrow of the subtraction), so a
/// mask tells for sure only that no byte matches.
enum ByteChunks {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `base + offset`, at any alignment.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }

    /// The bytes of `chunk` equal to `byte`.
    @inline(__always)
    static func equal(_ chunk: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = chunk ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// The bytes of `chunk` below `bound`, which must be at most 0x80.
    @inline(__always)
    static func below(_ chunk: UInt64, _ bound: UInt8) -> UInt64 {
        (chunk &- ones &* UInt64(bound)) & ~chunk & highs
    }
}
