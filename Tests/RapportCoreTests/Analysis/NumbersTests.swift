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

    @Test(arguments: [(84.0, "84"), (84.456, "84.46"), (-0.001, "0"), (2.5, "2.5"), (1000000, "1000000")])
    func displayNumbersHaveAtMostTwoDecimals(value: Double, text: String) {
        #expect(Numbers.display(value) == text)
    }
}
