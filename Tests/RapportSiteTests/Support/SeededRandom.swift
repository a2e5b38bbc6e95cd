/// A seeded sequence of numbers (a 64-bit linear congruential generator), for tests that
/// try many generated inputs and must try the same ones on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next number, from 0 up to `bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % bound
    }
}
