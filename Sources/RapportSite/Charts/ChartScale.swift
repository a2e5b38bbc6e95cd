import RapportCore

/// Maps a data domain onto a drawing range, as charts need it.
struct LinearScale {
    let domain: (low: Double, high: Double)
    let range: (low: Double, high: Double)

    /// Where `value` lands in the range. A domain of zero width maps to the middle.
    func callAsFunction(_ value: Double) -> Double {
        let width = domain.high - domain.low
        guard width != 0 else { return (range.low + range.high) / 2 }
        return range.low + (value - domain.low) / width * (range.high - range.low)
    }
}

/// Round tick values ("nice numbers": steps of 1, 2, 2.5 or 5 times a power of ten)
/// that cover a range of data, so axes read 70, 75, 80 rather than 71.3, 74.6, 77.9.
enum NiceTicks {
    /// Ticks from a multiple of the step at or below `low` to one at or above `high`,
    /// about `count` of them. A range of zero width is widened around its value.
    static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        var low = low
        var high = high
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        // Values whose range overflows (-1e308 to 1e308) have no ticks to count in steps.
        guard (high - low).isFinite else { return [low.isFinite ? low : 0, high.isFinite ? high : 1] }
        let step = niceStep((high - low) / Double(max(count - 1, 1)))
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        var out: [Double] = []
        var index = first
        while index <= last + 0.5 {
            // Multiplying an integer index (not adding steps) keeps 0.1 * 3 from drifting.
            out.append(Numbers.canonical(Double(Int64(index)) * step))
            index += 1
        }
        return out
    }

    /// How many decimals show every tick exactly (at most 4).
    static func decimals(_ ticks: [Double]) -> Int {
        var places = 0
        while places < 4, ticks.contains(where: { value in
            let scaled = value * pow10(places)
            return abs(scaled - scaled.rounded()) > 1e-6
        }) {
            places += 1
        }
        return places
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { result, _ in result * 10 } }

    /// The smallest nice number at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * factor >= raw * 0.999_999 {
            return magnitude * factor
        }
        return magnitude * 10
    }
}

/// Text for SVG attributes: numbers with one fixed decimal at most (no locale, no
/// exponent), so the same chart is always the same bytes.
enum SVGText {
    static func number(_ value: Double) -> String {
        // A KPI of extreme values (1e308, or a range that overflows) puts points at infinity
        // or NaN, which Int64 traps on: clamp, so the chart is wrong but the build stands.
        let clamped = value.isFinite ? min(max(value, -1e9), 1e9) : 0
        let tenths = Int64((clamped * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let whole = magnitude / 10
        let fraction = magnitude % 10
        if fraction == 0 { return whole == 0 ? "0" : sign + String(whole) }
        return sign + String(whole) + "." + String(fraction)
    }

    /// `x,y x,y …` for a polyline.
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }
}
