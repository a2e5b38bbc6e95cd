/// One KPI with every figure the portal shows of it.
public struct KPIReport: Sendable, Equatable {
    public let id: String
    public let title: String
    public let definition: KPIDefinition
    /// Each measurement with its own status, oldest period first.
    public let measurements: [MeasuredValue]
    /// Quarter roll-ups, oldest first; a quarter without measurements is absent.
    public let quarters: [QuarterRollUp]
    /// The latest measured period that starts on or before the as-of date.
    public let latest: MeasuredValue?
    /// The measured period before `latest`, for the trend.
    public let previous: MeasuredValue?

    /// The movement from `previous` to `latest`, read with the KPI's direction.
    public var trend: Trend? {
        guard let latest, let previous else { return nil }
        return Trend.of(latest.value, previous: previous.value, direction: definition.direction)
    }

    /// The change from `previous` to `latest`.
    public var change: Double? {
        guard let latest, let previous else { return nil }
        return Numbers.canonical(latest.value - previous.value)
    }

    public func quarter(_ quarter: Quarter) -> QuarterRollUp? { quarters.first { $0.quarter == quarter } }

    /// The target a quarter's value is judged by.
    public var quarterTarget: Double? { definition.quarterTarget ?? definition.target }
    public var quarterWarning: Double? { definition.quarterWarning ?? definition.warning }

    init(note: Note, definition: KPIDefinition, calendar: FiscalCalendar, asOf: Day) {
        id = note.id
        title = note.title
        self.definition = definition
        let measured = definition.measurements.map { measurement in
            MeasuredValue(
                period: measurement.period, start: measurement.period.firstDay(in: calendar),
                quarter: measurement.period.quarter(in: calendar), value: measurement.value,
                status: Status.of(measurement.value, target: definition.target, warning: definition.warning, direction: definition.direction),
                note: measurement.note)
        }
        measurements = measured
        let current = measured.lastIndex { $0.start <= asOf }
        latest = current.map { measured[$0] }
        previous = current.flatMap { $0 > 0 ? measured[$0 - 1] : nil }

        var byQuarter: [Quarter: [MeasuredValue]] = [:]
        for value in measured { byQuarter[value.quarter, default: []].append(value) }
        var rollUps: [QuarterRollUp] = []
        for quarter in byQuarter.keys.sorted() {
            let values = byQuarter[quarter]!
            let value = KPIReport.fold(values.map(\.value), definition.aggregate)
            let previousValue = rollUps.last.flatMap { $0.quarter == quarter.previous ? $0.value : nil }
            let target = definition.quarterTarget ?? definition.target
            let warning = definition.quarterWarning ?? definition.warning
            let green = values.filter { $0.status == .green }.count
            rollUps.append(
                QuarterRollUp(
                    quarter: quarter, value: value,
                    status: Status.of(value, target: target, warning: warning, direction: definition.direction),
                    attainment: Numbers.canonical(Double(green) / Double(values.count)),
                    periods: values.count,
                    change: previousValue.map { Numbers.canonical(value - $0) },
                    variance: target.map { Numbers.canonical(value - $0) }))
        }
        quarters = rollUps
    }

    /// Folds a quarter's values (oldest first) by the KPI's aggregate.
    static func fold(_ values: [Double], _ aggregate: Aggregate) -> Double {
        switch aggregate {
        case .mean: return Numbers.canonical(values.reduce(0, +) / Double(values.count))
        case .sum: return Numbers.canonical(values.reduce(0, +))
        case .last: return values.last!
        case .min: return values.min()!
        case .max: return values.max()!
        }
    }
}

/// One measurement with its period's dates and status.
public struct MeasuredValue: Sendable, Equatable {
    public let period: Period
    public let start: Day
    public let quarter: Quarter
    public let value: Double
    public let status: Status
    public let note: String?
}

/// A KPI's value for one quarter.
public struct QuarterRollUp: Sendable, Equatable {
    public let quarter: Quarter
    public let value: Double
    public let status: Status
    /// The share (0 to 1) of the quarter's measured periods whose own status is green.
    public let attainment: Double
    /// How many periods were measured in the quarter.
    public let periods: Int
    /// This quarter's value minus the previous quarter's; nil when that one has no value.
    public let change: Double?
    /// The value minus the quarter's target; nil without a target.
    public let variance: Double?
}
