import Testing

@testable import RapportCore

/// The traffic light of one value (CONTENT-MODEL "Status of one value"), at and around
/// every boundary, in both directions.
@Suite struct StatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let value: Double?
        let target: Double?
        let warning: Double?
        let direction: Direction
        let expected: Status

        init(_ value: Double?, _ direction: Direction, target: Double?, warning: Double?, _ expected: Status) {
            self.value = value
            self.target = target
            self.warning = warning
            self.direction = direction
            self.expected = expected
        }

        var testDescription: String {
            "\(value.map { "\($0)" } ?? "nil") \(direction) target \(target.map { "\($0)" } ?? "nil") warning \(warning.map { "\($0)" } ?? "nil") -> \(expected)"
        }
    }

    @Test(arguments: [
        // higher is better: target 85, warning 80
        Case(85, .higher, target: 85, warning: 80, .green),
        Case(85.0001, .higher, target: 85, warning: 80, .green),
        Case(100, .higher, target: 85, warning: 80, .green),
        Case(84.9999, .higher, target: 85, warning: 80, .amber),
        Case(80, .higher, target: 85, warning: 80, .amber),
        Case(79.9999, .higher, target: 85, warning: 80, .red),
        Case(0, .higher, target: 85, warning: 80, .red),
        // lower is better: target 420, warning 460
        Case(420, .lower, target: 420, warning: 460, .green),
        Case(419.9999, .lower, target: 420, warning: 460, .green),
        Case(420.0001, .lower, target: 420, warning: 460, .amber),
        Case(460, .lower, target: 420, warning: 460, .amber),
        Case(460.0001, .lower, target: 420, warning: 460, .red),
        // negative thresholds
        Case(-2, .higher, target: -2, warning: -5, .green),
        Case(-5, .higher, target: -2, warning: -5, .amber),
        Case(-5.5, .higher, target: -2, warning: -5, .red),
        Case(-3, .lower, target: -3, warning: -1, .green),
        Case(-1, .lower, target: -3, warning: -1, .amber),
        Case(0, .lower, target: -3, warning: -1, .red),
        // no warning: missing the target is red
        Case(85, .higher, target: 85, warning: nil, .green),
        Case(84.9999, .higher, target: 85, warning: nil, .red),
        Case(420, .lower, target: 420, warning: nil, .green),
        Case(420.0001, .lower, target: 420, warning: nil, .red),
        // no target, or no value: none
        Case(85, .higher, target: nil, warning: 80, .none),
        Case(85, .lower, target: nil, warning: nil, .none),
        Case(nil, .higher, target: 85, warning: 80, .none),
    ])
    func statusOfOneValue(_ test: Case) {
        #expect(Status.of(test.value, target: test.target, warning: test.warning, direction: test.direction) == test.expected)
    }

    @Test func measuredValuesGetTheirOwnStatusFromTheNote() throws {
        let folder = try ContentFolder([
            "kpis/aht.md": kpiNote("direction: lower\ntarget: 420\nwarning: 460\nmeasurements:\n  2026-01: 420\n  2026-02: 421\n  2026-03: 460\n  2026-04: 461"),
            "kpis/fcr.md": kpiNote("target: 85\nmeasurements:\n  2026-01: 85\n  2026-02: 84.9"),
            "kpis/calls.md": kpiNote("measurements:\n  2026-01: 1000"),
        ])
        let analysis = try #require(folder.analysis())
        #expect(analysis.kpi("aht")?.measurements.map(\.status) == [.green, .amber, .amber, .red])
        #expect(analysis.kpi("fcr")?.measurements.map(\.status) == [.green, .red])
        #expect(analysis.kpi("calls")?.measurements.map(\.status) == [.none])
    }
}
