import Foundation
import Testing

@testable import RapportCore

/// Numbers are published so a reader can check them by hand: no `.0`, no binary noise.
@Suite struct NumbersTests {
    @Test(arguments: [
        (84.0, "84"), (84.5, "84.5"), (-2.5, "-2.5"), (1e3, "1000"), (0.1, "0.1"), (0, "0"), (-0.0, "0"),
        (1234567.25, "1234567.25"), (0.666666666667, "0.666666666667"),
    ])
    func jsonNumbersAreTheShortestTextThatReadsBack(value: Double, text: String) {
        #expect(Numbers.json(value) == text)
    }

    @Test func canonicalRemovesBinaryNoiseFromComputedFigures() {
        #expect((84.9 + 85.1) / 2 == 85)
        #expect(Numbers.canonical((0.1 + 0.2) / 2) == 0.15)
        #expect((0.1 + 0.2) / 2 != 0.15)
        #expect(Numbers.canonical(0.1 + 0.2) == 0.3)
        #expect(Numbers.canonical(2.0 / 3.0) == 0.666666666667)
        #expect(Numbers.canonical(84.5) == 84.5)
    }

    /// Values whose shortest text has 12 significant digits or fewer are returned as they
    /// are, without printing: the same values printing and reading back gives.
    @Test func canonicalIsWhatPrintingTo12DigitsAndReadingBackGives() {
        var values: [Double] = [1e16, 1e-5, 123456789012, 1234567890123, 0.000123456789012, 9.99999999999e22, 5e-324]
        for numerator in 1...400 {
            for denominator in [1.0, 3, 7, 10, 100, 1000, 1e6] {
                let value = Double(numerator) / denominator
                values += [value, -value, value * 1e11, value / 1e9, value + 0.1, value * 84.9 / 85.1]
            }
        }
        for value in values {
            let printed = Double(String(format: "%.12g", locale: nil, value))!
            #expect(Numbers.canonical(value) == printed, "\(value)")
        }
        #expect(Numbers.significantDigits("84.5") == 3)
        #expect(Numbers.significantDigits("-0.000120") == 3)
        #expect(Numbers.significantDigits("1.2345e-05") == 5)
        #expect(Numbers.significantDigits("84.99999999999999") == 16)
    }

    @Test func aMeanOf84Point9And85Point1Is85ExactlyAndGreen() throws {
        let folder = try ContentFolder([
            "kpis/fcr.md": kpiNote("target: 85\nwarning: 80\nmeasurements:\n  2026-01: 84.9\n  2026-02: 85.1")
        ])
        let quarter = try #require(folder.analysis()?.kpi("fcr")?.quarters.first)
        #expect(quarter.value == 85)
        #expect(Numbers.json(quarter.value) == "85")
        #expect(quarter.status == .green)
        #expect(quarter.attainment == 0.5)
    }

    @Test func aMeanThatFloatingPointWouldPutBelowTheTargetIsStillOnIt() throws {
        // 0.1, 0.2 and 0.3 sum to 0.6000000000000001 in binary; the mean is 0.2 exactly.
        let folder = try ContentFolder([
            "kpis/rate.md": kpiNote("direction: lower\ntarget: 0.2\nmeasurements:\n  2026-01: 0.1\n  2026-02: 0.2\n  2026-03: 0.3")
        ])
        let quarter = try #require(folder.analysis()?.kpi("rate")?.quarters.first)
        #expect(quarter.value == 0.2)
        #expect(Numbers.json(quarter.value) == "0.2")
        #expect(quarter.status == .green)
    }

    @Test func valuesAsWrittenArePublishedAsWritten() throws {
        let folder = try ContentFolder(["kpis/k.md": kpiNote("measurements:\n  2026-01: 84\n  2026-02: 84.5\n  2026-03: 1e3")])
        let values = try #require(folder.analysis()?.kpi("k")?.measurements.map { Numbers.json($0.value) })
        #expect(values == ["84", "84.5", "1000"])
    }

    /// `display` as printf writes it: Rapport writes the digits itself, and must agree.
    private func byPrintf(_ value: Double, decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(format: "%.\(decimals)f", locale: nil, rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    @Test func displayWritesTheDigitsPrintfWrites() {
        // SplitMix64 from a fixed seed: the same 5,000 values every run.
        struct Seeded: RandomNumberGenerator {
            var state: UInt64 = 0x5EED
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }
        var generator = Seeded()
        var values: [Double] = [0.05, -0.05, 0.005, 1.005, 2.675, -1.25, 0.1 + 0.2, 99.995, 123456789.125, 0.000_1, -0.000_04, 4.35, 1e14 + 0.5]
        for _ in 0..<5_000 {
            let magnitude = Double.random(in: -6...14, using: &generator)
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, magnitude))
        }
        for value in values {
            for decimals in [1, 2, 3, 4, 6] {
                #expect(Numbers.display(value, decimals: decimals) == byPrintf(value, decimals: decimals), "\(value) to \(decimals)")
            }
        }
        #expect(Numbers.display(0.05, decimals: 1) == "0.1")
        #expect(Numbers.display(-0.004, decimals: 3) == "-0.004")
        #expect(Numbers.display(12.30, decimals: 2) == "12.3")
    }

    @Test(arguments: [(84.0, "84"), (84.456, "84.46"), (-0.001, "0"), (2.5, "2.5"), (1000000, "1000000")])
    func displayNumbersHaveAtMostTwoDecimals(value: Double, text: String) {
        #expect(Numbers.display(value) == text)
    }
}
