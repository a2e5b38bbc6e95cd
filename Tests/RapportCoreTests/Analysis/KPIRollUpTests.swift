import Testing

@testable import RapportCore

/// Quarter roll-ups, attainment, quarter-over-quarter change and the latest value
/// (CONTENT-MODEL "Quarter roll-up" and "Latest").
@Suite struct KPIRollUpTests {
    /// One KPI `k` with `frontMatter`, analysed as of `asOf`.
    private func report(_ frontMatter: String, asOf: String = "2026-12-31") throws -> KPIReport {
        let folder = try ContentFolder(["kpis/k.md": kpiNote(frontMatter)])
        return try #require(folder.analysis(asOf: asOf)?.kpi("k"))
    }

    /// Written out of order on purpose: `last` means the latest period, not the last line.
    private let firstQuarter = "measurements:\n  2026-03: 85\n  2026-01: 80\n  2026-02: 90"

    @Test(arguments: [
        (Aggregate.mean, 85.0), (.sum, 255), (.last, 85), (.min, 80), (.max, 90),
    ])
    func eachAggregateFoldsTheQuarter(aggregate: Aggregate, value: Double) throws {
        let kpi = try report("aggregate: \(aggregate.rawValue)\n\(firstQuarter)")
        #expect(kpi.quarters.map(\.quarter.description) == ["2026-Q1"])
        #expect(kpi.quarters.first?.value == value)
        #expect(kpi.quarters.first?.periods == 3)
    }

    @Test func lastIsTheLatestPeriodEvenWhenItIsNotTheLargest() throws {
        let kpi = try report("aggregate: last\nmeasurements:\n  2026-04: 9\n  2026-06: 1\n  2026-05: 5")
        #expect(kpi.quarters.first?.value == 1)
    }

    @Test func theQuarterValueIsJudgedByTargetAndWarning() throws {
        let kpi = try report("target: 85\nwarning: 80\n\(firstQuarter)")
        #expect(kpi.quarters.first?.status == .green)
        // 80 is amber, 90 and 85 green: two of three periods.
        #expect(kpi.quarters.first?.attainment == 0.666666666667)
    }

    @Test(arguments: [
        // quarter_target alone: judged by 255 with the monthly warning 80 -> amber (not red).
        ("target: 90\nwarning: 80\nquarter_target: 255", Status.amber),
        // quarter_warning alone: judged by the monthly target 300 and warning 260 -> red (not amber).
        ("target: 300\nwarning: 200\nquarter_warning: 260", .red),
        // both: 250 reaches 240.
        ("target: 90\nwarning: 80\nquarter_target: 240\nquarter_warning: 200", .green),
        // neither: the monthly target 90.
        ("target: 90\nwarning: 80", .green),
        // only quarter_target and no warning at all: missing it is red.
        ("target: 90\nquarter_target: 255", .red),
        // no target anywhere: none, even with a quarter warning.
        ("quarter_warning: 10", .none),
    ])
    func quarterTargetAndWarningFallBackEachOnItsOwn(thresholds: String, status: Status) throws {
        let kpi = try report("aggregate: sum\n\(thresholds)\nmeasurements:\n  2026-01: 80\n  2026-02: 90\n  2026-03: 80")
        #expect(kpi.quarters.first?.value == 250)
        #expect(kpi.quarters.first?.status == status)
    }

    @Test func attainmentCountsPeriodsByTheirOwnMonthlyStatus() throws {
        // Sums are judged by quarter_target, but each month by target: 80 and 90 reach 80.
        let kpi = try report("aggregate: sum\ntarget: 80\nquarter_target: 300\nmeasurements:\n  2026-01: 80\n  2026-02: 90\n  2026-03: 70")
        #expect(kpi.quarters.first?.status == .red)
        #expect(kpi.quarters.first?.attainment == 0.666666666667)
        let none = try report("measurements:\n  2026-01: 1")
        #expect(none.quarters.first?.attainment == 0)
    }

    @Test func quarterOverQuarterChangeNeedsThePreviousQuarter() throws {
        let kpi = try report(
            "measurements:\n  2025-11: 70\n  2026-01: 84\n  2026-02: 86\n  2026-04: 87.5\n  2026-05: 88.7\n  2026-10: 90")
        #expect(kpi.quarters.map(\.quarter.description) == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q4"])
        #expect(kpi.quarters.map(\.value) == [70, 85, 88.1, 90])
        #expect(kpi.quarters.map(\.change) == [nil, 15, 3.1, nil])
    }

    @Test func quartersWithoutMeasurementsAreAbsent() throws {
        let kpi = try report("measurements:\n  2026-02: 1\n  2026-08: 2")
        #expect(kpi.quarters.map(\.quarter.description) == ["2026-Q1", "2026-Q3"])
        let empty = try report("target: 5")
        #expect(empty.quarters.isEmpty)
        #expect(empty.latest == nil)
    }

    @Test func theAsOfDateDoesNotCutTheRollUp() throws {
        let kpi = try report("aggregate: sum\nmeasurements:\n  2026-04: 1\n  2026-05: 2\n  2026-06: 3", asOf: "2026-04-15")
        #expect(kpi.quarters.first?.value == 6)
        #expect(kpi.latest?.period.description == "2026-04")
    }

    @Test(arguments: [
        ("2026-06-30", "2026-06"), ("2026-07-01", "2026-07"), ("2026-12-31", "2026-07"), ("2026-01-01", "2026-01"),
    ])
    func latestIsTheLastPeriodStartingOnOrBeforeTheAsOfDate(asOf: String, period: String) throws {
        let kpi = try report(
            "target: 5\nmeasurements:\n  2026-01: 1\n  2026-05: 5\n  2026-06: 6\n  2026-07: 7", asOf: asOf)
        #expect(kpi.latest?.period.description == period)
    }

    @Test func aPeriodStartingAfterTheAsOfDateIsNotLatest() throws {
        let kpi = try report("target: 5\nmeasurements:\n  2026-01: 1", asOf: "2025-12-31")
        #expect(kpi.latest == nil)
        let weekly = try report("frequency: weekly\nmeasurements:\n  2026-W10: 1\n  2026-W11: 2", asOf: "2026-03-08")
        #expect(weekly.latest?.period.description == "2026-W10")
        let weeklyOnMonday = try report("frequency: weekly\nmeasurements:\n  2026-W10: 1\n  2026-W11: 2", asOf: "2026-03-09")
        #expect(weeklyOnMonday.latest?.period.description == "2026-W11")
        #expect(weeklyOnMonday.latest?.value == 2)
        #expect(weeklyOnMonday.latest?.status == Status.none)
    }

    @Test func weeklyPeriodsRollUpIntoTheQuarterOfTheirThursday() throws {
        let kpi = try report("frequency: weekly\naggregate: sum\nmeasurements:\n  2026-W13: 1\n  2026-W14: 10\n  2026-W01: 100")
        #expect(kpi.quarters.map(\.quarter.description) == ["2026-Q1", "2026-Q2"])
        #expect(kpi.quarters.map(\.value) == [101, 10])
    }

    @Test func quarterlyKPIsFollowTheFiscalCalendar() throws {
        let portal = ContentFolder.portal.replacingOccurrences(of: "fiscal_year_start: 1", with: "fiscal_year_start: 4")
        let folder = try ContentFolder(
            ["kpis/k.md": kpiNote("frequency: quarterly\nmeasurements:\n  2026-Q1: 5\n  2026-03-31: 4")], portal: portal)
        let kpi = try #require(folder.analysis(asOf: "2026-05-01")?.kpi("k"))
        #expect(kpi.measurements.map(\.period.description) == ["2025-Q4", "2026-Q1"])
        #expect(kpi.measurements.map(\.start.description) == ["2026-01-01", "2026-04-01"])
        #expect(kpi.latest?.period.description == "2026-Q1")
        #expect(kpi.quarters.map(\.change) == [nil, 1])
    }
}
