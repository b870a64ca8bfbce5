//! The console's charts, drawn by the plotters library into SVG text. Each chart is a
//! `<figure role="img">` with a label saying what it shows; the numbers are in the table that
//! always goes with it (the accessible alternative, and what a test reads).
//!
//! Every label in a chart is ours (dates, numbers, segment names, choice ids), never a
//! shopper's text; plotters escapes the text it writes into the SVG besides.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use yew::prelude::*;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 260;
/// Series colours, distinguishable for the common colour-vision deficiencies (Okabe–Ito).
pub const COLORS: [RGBColor; 4] = [RGBColor(0, 114, 178), RGBColor(213, 94, 0), RGBColor(0, 158, 115), RGBColor(204, 121, 167)];
/// Axes and labels: replaced by `currentColor`, so the page's text colour (light or dark) shows.
const INK: RGBColor = RGBColor(1, 2, 3);
/// The grid lines: a grey that shows on light and dark pages.
const GRID: RGBColor = RGBColor(140, 149, 159);

/// One series of a trend: a value per period (none where the period had no data) and, when
/// known, its confidence interval.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: Vec<Option<f64>>,
    pub intervals: Vec<Option<(f64, f64)>>,
}

/// The chart, with a legend of `names` when there are several series (inside the figure: its
/// role makes all of it one image, named by `label`).
fn figure(svg: Result<String, String>, label: String, names: &[&str]) -> Html {
    match svg {
        Ok(svg) => {
            let svg = svg.replace("#010203", "currentColor");
            html! {
                <figure class="rk-chart" role="img" aria-label={label}>
                    { Html::from_html_unchecked(svg.into()) }
                    if names.len() > 1 {
                        <ul class="rk-legend">
                            { for names.iter().enumerate().map(|(k, n)| {
                                let RGBColor(r, g, b) = COLORS[k % COLORS.len()];
                                html! { <li><span class="rk-swatch" style={format!("background: rgb({r}, {g}, {b})")}></span>{ *n }</li> }
                            }) }
                        </ul>
                    }
                </figure>
            }
        }
        Err(_) => html! {},
    }
}

/// Lines over periods (`labels`, oldest first) on a fixed `y` range, with interval bars.
pub fn trend(labels: &[String], y: (f64, f64), y_name: &str, series: &[Series], label: String) -> Html {
    let names: Vec<&str> = series.iter().map(|s| s.name).collect();
    figure(draw_trend(labels, y, y_name, series), label, &names)
}

fn draw_trend(labels: &[String], y: (f64, f64), y_name: &str, series: &[Series]) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let n = labels.len().max(1) as i32;
        let font = ("sans-serif", 13).into_font().color(&INK);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(44)
            .build_cartesian_2d(-1..n, y.0..y.1)
            .map_err(|e| e.to_string())?;
        let every = (labels.len() / 6).max(1);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(1))
            .axis_style(INK)
            .label_style(font)
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(labels.len() + 2)
            .x_label_formatter(&|i| {
                let i = *i;
                if i < 0 || !(i as usize).is_multiple_of(every) {
                    return String::new();
                }
                labels.get(i as usize).map(|l| l.get(5..).unwrap_or(l).to_string()).unwrap_or_default()
            })
            .y_desc(y_name)
            .draw()
            .map_err(|e| e.to_string())?;
        for (k, s) in series.iter().enumerate() {
            let color = COLORS[k % COLORS.len()];
            // Bars for the intervals, lines between consecutive periods with data.
            chart
                .draw_series(s.intervals.iter().zip(&s.values).enumerate().filter_map(|(i, (ci, v))| {
                    let ((lo, hi), v) = (ci.as_ref()?, v.as_ref()?);
                    Some(ErrorBar::new_vertical(i as i32, lo.max(y.0), *v, hi.min(y.1), color.mix(0.5).stroke_width(2), 8))
                }))
                .map_err(|e| e.to_string())?;
            let mut run: Vec<(i32, f64)> = Vec::new();
            let mut runs = Vec::new();
            for (i, v) in s.values.iter().enumerate() {
                match v {
                    Some(v) => run.push((i as i32, *v)),
                    None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                    None => {}
                }
            }
            runs.push(run);
            for r in runs {
                chart.draw_series(LineSeries::new(r.clone(), color.stroke_width(3))).map_err(|e| e.to_string())?;
                chart.draw_series(r.into_iter().map(|p| Circle::new(p, 4, color.filled()))).map_err(|e| e.to_string())?;
            }
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Horizontal bars: one per name, with its value.
pub fn bars(names: &[String], values: &[u64], label: String) -> Html {
    figure(draw_bars(names, values), label, &[])
}

fn draw_bars(names: &[String], values: &[u64]) -> Result<String, String> {
    let mut svg = String::new();
    {
        let height = 40 + 30 * names.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let max = values.iter().copied().max().unwrap_or(0).max(1);
        let font = ("sans-serif", 13).into_font().color(&INK);
        let n = names.len() as i32;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(24)
            .y_label_area_size(110)
            .build_cartesian_2d(0..max + max / 10 + 1, (0..n).into_segmented())
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(1))
            .x_labels(6)
            .axis_style(INK)
            .label_style(font)
            .y_labels(names.len())
            .y_label_formatter(&|v| match v {
                // The first name on top.
                SegmentValue::CenterOf(i) => names.get((n - 1 - *i) as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(
                Histogram::horizontal(&chart)
                    .style(COLORS[0].filled())
                    .margin(6)
                    .data(values.iter().enumerate().map(|(i, v)| (n - 1 - i as i32, *v))),
            )
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
