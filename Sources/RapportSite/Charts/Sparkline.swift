import RapportCore

/// A word-sized line of a KPI's recent values for scorecard tiles: the periods up to the
/// latest one (at most `periods` of them), the target as a faint line, and the latest
/// value as a dot in its status colour. Deterministic SVG text, styled by CSS classes.
struct Sparkline {
    let kpi: KPIReport
    let asOf: Day
    let unit: String
    /// Decimals the KPI's values are shown with.
    let decimals: Int
    var periods = 12

    func format(_ value: Double) -> String { Format.value(value, unit: unit, decimals: decimals) }

    static let width = 200.0
    static let height = 40.0

    /// The SVG, or an empty string when fewer than two periods have been measured.
    func svg() -> String {
        let shown = recent()
        guard shown.count >= 2, let first = shown.first, let last = shown.last else { return "" }
        let definition = kpi.definition
        var values = shown.map(\.value)
        if let target = definition.target { values.append(target) }
        let low = values.min()!
        let high = values.max()!
        let pad = 5.0
        let x = LinearScale(domain: (0, Double(shown.count - 1)), range: (pad, Sparkline.width - pad))
        let y = LinearScale(domain: (low, high), range: (Sparkline.height - pad, pad))
        let label =
            "\(kpi.title): \(format(first.value)) in \(Format.period(first.period)) to \(format(last.value)) in \(Format.period(last.period))"
        var out = "<svg class=\"sparkline\" viewBox=\"0 0 \(SVGText.number(Sparkline.width)) \(SVGText.number(Sparkline.height))\""
        out += " role=\"img\" aria-label=\"\(Format.escape(label))\">"
        if let target = definition.target {
            out += "<line class=\"spark-target\" stroke=\"currentColor\" stroke-opacity=\"0.4\" stroke-dasharray=\"3 3\""
            out += " x1=\"0\" y1=\"\(SVGText.number(y(target)))\" x2=\"\(SVGText.number(Sparkline.width))\" y2=\"\(SVGText.number(y(target)))\"/>"
        }
        let points = shown.enumerated().map { (x: x(Double($0.offset)), y: y($0.element.value)) }
        out += "<polyline class=\"spark-line\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        out += " points=\"\(SVGText.points(points))\"/>"
        let end = points.last!
        out += "<circle class=\"point point-\(last.status.rawValue)\" fill=\"currentColor\" r=\"4\" cx=\"\(SVGText.number(end.x))\" cy=\"\(SVGText.number(end.y))\"/>"
        return out + "</svg>"
    }

    /// Measured periods up to and including the latest (start on or before the as-of date).
    func recent() -> [MeasuredValue] {
        let upToLatest = kpi.measurements.filter { $0.start <= asOf }
        return Array(upToLatest.suffix(periods))
    }
}
