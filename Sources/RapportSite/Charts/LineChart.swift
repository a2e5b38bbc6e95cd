import RapportCore

/// A KPI's measurements as an inline SVG line chart: the values over time, the target
/// line, the warning band between warning and target, and a marker at the as-of date.
///
/// The SVG is text made here, with no script and no external file. Colours come from CSS
/// classes (with `currentColor` fallbacks), so the page's stylesheet adapts the chart to
/// dark mode and print. `<title>` and `<desc>` describe it to screen readers; the table
/// of measurements beside it holds the same numbers.
struct LineChart {
    let kpi: KPIReport
    let asOf: Day
    let unit: String
    /// Decimals the KPI's values are shown with.
    let decimals: Int
    /// Makes the element ids unique on the page.
    let id: String

    static let width = 640.0
    static let height = 280.0
    static let plot = (left: 56.0, right: 624.0, top: 24.0, bottom: 240.0)
    /// The as-of marker is drawn when it lies within this many days of the data.
    static let asOfReach = 400

    func svg() -> String {
        let measurements = kpi.measurements
        let definition = kpi.definition
        let titleID = "\(id)-title"
        let descID = "\(id)-desc"
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(SVGText.number(LineChart.width)) \(SVGText.number(LineChart.height))\""
        out += " role=\"img\" aria-labelledby=\"\(titleID) \(descID)\">"
        out += "<title id=\"\(titleID)\">\(Format.escape(kpi.title)): measurements over time</title>"
        out += "<desc id=\"\(descID)\">\(Format.escape(description()))</desc>"
        guard let first = measurements.first, let last = measurements.last else { return out + "</svg>" }

        // Time runs left to right by day, so gaps between periods stay visible.
        var low = first.start.ordinal
        var high = last.start.ordinal
        let showAsOf = asOf.ordinal >= low - LineChart.asOfReach && asOf.ordinal <= high + LineChart.asOfReach
        if showAsOf {
            low = min(low, asOf.ordinal)
            high = max(high, asOf.ordinal)
        }
        let pad = max(Double(high - low) * 0.04, 10)
        let plot = LineChart.plot
        let x = LinearScale(domain: (Double(low) - pad, Double(high) + pad), range: (plot.left, plot.right))
        var values = measurements.map(\.value)
        if let target = definition.target { values.append(target) }
        if let warning = definition.warning { values.append(warning) }
        let ticks = NiceTicks.ticks(low: values.min()!, high: values.max()!)
        let y = LinearScale(domain: (ticks.first!, ticks.last!), range: (plot.bottom, plot.top))

        // Grid and value axis.
        out += "<g class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.15\">"
        for tick in ticks {
            out += line(plot.left, y(tick), plot.right, y(tick))
        }
        out += "</g><g class=\"axis-labels y-labels\" fill=\"currentColor\" font-size=\"13\" text-anchor=\"end\">"
        // Enough decimals for the tick step (2.5 needs one), however the values are written.
        // Ticks carry `%` but not longer units, which are named once above the axis.
        let tickDecimals = max(decimals, NiceTicks.decimals(ticks))
        for tick in ticks {
            let number = Numbers.display(tick, decimals: tickDecimals)
            out += text(plot.left - 8, y(tick) + 4, unit == "%" ? number + "%" : number)
        }
        out += "</g>"
        if !unit.isEmpty && unit != "%" {
            out += "<text class=\"axis-labels axis-unit\" fill=\"currentColor\" font-size=\"13\" x=\"4\""
            out += " y=\"\(SVGText.number(plot.top - 10))\">\(Format.escape(unit))</text>"
        }

        // Warning band and target line, labelled on their own side.
        let better = definition.direction == .higher ? -1.0 : 1.0
        if let target = definition.target, let warning = definition.warning {
            let top = min(y(target), y(warning))
            out += "<rect class=\"band-warning\" fill=\"currentColor\" fill-opacity=\"0.12\" x=\"\(SVGText.number(plot.left))\" y=\"\(SVGText.number(top))\""
            out += " width=\"\(SVGText.number(plot.right - plot.left))\" height=\"\(SVGText.number(abs(y(target) - y(warning))))\"/>"
            out += "<text class=\"band-label\" fill=\"currentColor\" font-size=\"12\" text-anchor=\"end\" x=\"\(SVGText.number(plot.right - 4))\""
            out += " y=\"\(SVGText.number(y(warning) - better * 14 + 4))\">Warning \(Format.escape(format(warning)))</text>"
        }
        if let target = definition.target {
            out += "<line class=\"target-line\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"6 4\""
            out += " x1=\"\(SVGText.number(plot.left))\" y1=\"\(SVGText.number(y(target)))\" x2=\"\(SVGText.number(plot.right))\" y2=\"\(SVGText.number(y(target)))\"/>"
            out += "<text class=\"target-label\" fill=\"currentColor\" font-size=\"12\" font-weight=\"600\" text-anchor=\"end\" x=\"\(SVGText.number(plot.right - 4))\""
            out += " y=\"\(SVGText.number(y(target) + better * 8 + (better < 0 ? 0 : 8)))\">Target \(Format.escape(format(target)))</text>"
        }

        // Period labels, thinned from the latest backwards so the latest is always named.
        let step = max(1, (measurements.count + 6) / 7)
        out += "<g class=\"axis-labels x-labels\" fill=\"currentColor\" font-size=\"13\" text-anchor=\"middle\">"
        for index in stride(from: measurements.count - 1, through: 0, by: -step).reversed() {
            let value = measurements[index]
            out += text(x(Double(value.start.ordinal)), plot.bottom + 22, Format.period(value.period))
        }
        out += "</g>"
        out += "<line class=\"axis\" stroke=\"currentColor\" x1=\"\(SVGText.number(plot.left))\" y1=\"\(SVGText.number(plot.bottom))\" x2=\"\(SVGText.number(plot.right))\" y2=\"\(SVGText.number(plot.bottom))\"/>"

        // As-of marker.
        if showAsOf {
            let at = x(Double(asOf.ordinal))
            let anchor = at > (plot.left + plot.right) / 2 ? "end" : "start"
            out += "<g class=\"asof\"><line class=\"asof-line\" stroke=\"currentColor\" stroke-dasharray=\"2 3\""
            out += " x1=\"\(SVGText.number(at))\" y1=\"\(SVGText.number(plot.top - 8))\" x2=\"\(SVGText.number(at))\" y2=\"\(SVGText.number(plot.bottom))\"/>"
            out += "<text class=\"asof-label\" fill=\"currentColor\" font-size=\"12\" text-anchor=\"\(anchor)\" x=\"\(SVGText.number(at + (anchor == "end" ? -4 : 4)))\""
            out += " y=\"\(SVGText.number(plot.top - 10))\">As of \(Format.escape(Format.shortDate(asOf)))</text></g>"
        }

        // The series: a line through every measurement, a dot per period coloured by its
        // status; periods after the as-of date are drawn hollow.
        let points = measurements.map { (x: x(Double($0.start.ordinal)), y: y($0.value)) }
        out += "<polyline class=\"series\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"\(SVGText.points(points))\"/>"
        out += "<g class=\"points\">"
        for (value, point) in zip(measurements, points) {
            let future = value.start > asOf ? " point-future" : ""
            out += "<circle class=\"point point-\(value.status.rawValue)\(future)\" fill=\"currentColor\" r=\"4.5\""
            out += " cx=\"\(SVGText.number(point.x))\" cy=\"\(SVGText.number(point.y))\">"
            out += "<title>\(Format.escape("\(Format.period(value.period)): \(format(value.value)), \(value.status.label.lowercased())"))</title></circle>"
        }
        return out + "</g></svg>"
    }

    /// A sentence or two a screen reader can read instead of the picture.
    func description() -> String {
        let definition = kpi.definition
        guard let first = kpi.measurements.first, let last = kpi.measurements.last else {
            return "No measurements yet."
        }
        var parts = [
            "\(kpi.measurements.count) measurement\(kpi.measurements.count == 1 ? "" : "s") from \(Format.period(first.period)) to \(Format.period(last.period)), \(definition.direction == .higher ? "higher" : "lower") is better."
        ]
        if let target = definition.target {
            var sentence = "Target \(format(target))"
            if let warning = definition.warning { sentence += ", warning \(format(warning))" }
            parts.append(sentence + ".")
        }
        if let latest = kpi.latest {
            parts.append("Latest, \(Format.period(latest.period)): \(format(latest.value)), \(latest.status.label.lowercased()).")
        }
        parts.append("Figures as of \(Format.longDate(asOf)).")
        return parts.joined(separator: " ")
    }

    /// A value with the KPI's unit and decimals: `83.2%`.
    func format(_ value: Double) -> String { Format.value(value, unit: unit, decimals: decimals) }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
        "<line x1=\"\(SVGText.number(x1))\" y1=\"\(SVGText.number(y1))\" x2=\"\(SVGText.number(x2))\" y2=\"\(SVGText.number(y2))\"/>"
    }

    private func text(_ x: Double, _ y: Double, _ content: String) -> String {
        "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\">\(Format.escape(content))</text>"
    }
}
