/// Where printed bytes go: an array, or a renderer's own buffer.
protocol ByteSink {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// The bytes one render prints, in one growing allocation the renderer owns: an append is
/// a test of the room left and a copy. An `Array` also makes sure at every append that it
/// is referenced once, and goes through the generic path to copy: about sixty instructions
/// more, at each of the few million text runs and values a build prints.
///
/// Used as a local variable only (a copy would share the allocation): made by `init`,
/// handed on `inout`, read out with `array`, then deallocated by its owner.
struct RenderBuffer: ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity &- count < bytes.count { grow(toHold: count + bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count &+= bytes.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count &+= 1
    }

    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "RenderBuffer index out of range")
        return base[index]
    }

    /// Inserts `bytes` before the byte at `index`.
    mutating func insert(contentsOf bytes: [UInt8], at index: Int) {
        precondition(index >= 0 && index <= count, "RenderBuffer index out of range")
        guard !bytes.isEmpty else { return }
        if capacity - count < bytes.count { grow(toHold: count + bytes.count) }
        (base + index + bytes.count).moveInitialize(from: base + index, count: count - index)
        bytes.withUnsafeBufferPointer { (base + index).initialize(from: $0.baseAddress!, count: $0.count) }
        count += bytes.count
    }

    /// The bytes from `start` on, copied.
    func bytes(from start: Int) -> [UInt8] { Array(UnsafeBufferPointer(start: base + start, count: count - start)) }

    /// Every byte printed, copied.
    var array: [UInt8] { bytes(from: 0) }

    private mutating func grow(toHold needed: Int) {
        let grown = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }
}
