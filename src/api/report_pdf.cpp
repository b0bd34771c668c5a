// report_pdf.cpp: the management-review report as an A4 PDF, laid out with pango and drawn
// with cairo: the figures beside the previous period's, a bar per count, the conclusions.
#include "api/report_pdf.hpp"

#include "api/report_labels.hpp"
#include "core/amsterdam_time.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace kd {

namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89; // A4 in points
constexpr double kMargin = 48, kBottom = kPageHeight - 56;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

std::string with_sign(long long n) {
    return n > 0 ? "+" + std::to_string(n) : std::to_string(n);
}

std::string days(const std::optional<int>& d) {
    return d ? std::to_string(*d) : "–";
}

std::string percent(const std::optional<double>& rate) {
    if (!rate) return "–";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", *rate * 100);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ','); // 75,0 %: as written in the Netherlands
    return s;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Draws text and tables down the pages, starting a new page where the next block does not fit.
class Pages {
public:
    Pages(cairo_t* cr, std::string footer) : cr_(cr), footer_(std::move(footer)) {
        layout_.reset(pango_cairo_create_layout(cr_));
    }
    ~Pages() { finish_page(); }

    // Height of `text` in `font` at `width` points, wrapped at words.
    double height(const std::string& text, const char* font, double width) {
        set(text, font, width, PANGO_ALIGN_LEFT);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(layout_.get(), &w, &h);
        return h;
    }
    double text(double x, const std::string& text, const char* font, double width,
                PangoAlignment align = PANGO_ALIGN_LEFT) {
        set(text, font, width, align);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(layout_.get(), &w, &h);
        cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, layout_.get());
        return h;
    }
    void bar(double x, double width, double fraction, bool current) {
        if (fraction <= 0) return;
        if (current)
            cairo_set_source_rgb(cr_, 0.23, 0.36, 0.86);
        else
            cairo_set_source_rgb(cr_, 0.62, 0.64, 0.68);
        cairo_rectangle(cr_, x, y_ + (current ? 1.5 : 7), std::max(1.0, width * fraction), 4.5);
        cairo_fill(cr_);
    }
    void rule() {
        cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, kMargin, y_);
        cairo_line_to(cr_, kMargin + kContentWidth, y_);
        cairo_stroke(cr_);
    }
    // Keeps `needed` points together on one page.
    void keep(double needed) {
        if (y_ + needed > kBottom) {
            finish_page();
            cairo_show_page(cr_);
            ++page_;
            y_ = kMargin;
        }
    }
    void down(double d) { y_ += d; }
    double y() const { return y_; }

private:
    struct Free {
        void operator()(PangoLayout* l) const { g_object_unref(l); }
    };
    void set(const std::string& text, const char* font, double width, PangoAlignment align) {
        PangoFontDescription* d = pango_font_description_from_string(font);
        pango_layout_set_font_description(layout_.get(), d);
        pango_font_description_free(d);
        pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout_.get(), align);
        pango_layout_set_text(layout_.get(), text.c_str(), -1);
    }
    void finish_page() {
        if (finished_ == page_) return;
        finished_ = page_;
        double keep_y = y_;
        y_ = kPageHeight - 40;
        text(kMargin, footer_, "DejaVu Sans 7", kContentWidth * 0.8);
        text(kMargin, "Blad " + std::to_string(page_), "DejaVu Sans 7", kContentWidth,
             PANGO_ALIGN_RIGHT);
        y_ = keep_y;
    }

    cairo_t* cr_;
    std::string footer_;
    std::unique_ptr<PangoLayout, Free> layout_;
    double y_ = kMargin;
    int page_ = 1, finished_ = 0;
};

const char* kBody = "DejaVu Sans 8.5";
const char* kBold = "DejaVu Sans Bold 8.5";

// A table: the first column's words, then numbers right-aligned; column widths in points.
void table(Pages& p, const std::vector<double>& widths, const std::vector<std::string>& head,
           const std::vector<std::vector<std::string>>& rows) {
    auto line = [&](const std::vector<std::string>& cells, const char* font) {
        double h = 0;
        for (std::size_t i = 0; i < cells.size(); ++i)
            h = std::max(h, p.height(cells[i], font, widths[i] - 6));
        p.keep(h + 4);
        double x = kMargin;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            p.text(x, cells[i], font, widths[i] - 6, i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
            x += widths[i];
        }
        p.down(h + 3);
        p.rule();
        p.down(1);
    };
    line(head, kBold);
    for (const auto& r : rows)
        line(r, kBody);
}

void heading(Pages& p, const std::string& title, double keep_with) {
    p.keep(26 + keep_with);
    p.down(8);
    p.down(p.text(kMargin, title, "DejaVu Sans Bold 11", kContentWidth) + 4);
}

} // namespace

std::string report_pdf(const Report& r, const std::string& organisation_name, Instant made_at) {
    std::string out;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
    const std::string title = "Directiebeoordeling klachtenbehandeling " + organisation_name;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   (title + ", " + r.period.name).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "klachtdesk");
    cairo_t* cr = cairo_create(surface);
    {
        Pages p(cr, "Gemaakt door klachtdesk op " + format_local_nl(made_at) + ".");
        p.down(p.text(kMargin, "Directiebeoordeling klachtenbehandeling", "DejaVu Sans Bold 15",
                      kContentWidth) +
               2);
        p.down(p.text(kMargin, organisation_name, "DejaVu Sans Bold 12", kContentWidth) + 6);
        p.down(p.text(kMargin, "Periode: " + period_title(r.period), kBody, kContentWidth) + 2);
        p.down(
            p.text(kMargin, "Vergeleken met: " + period_title(r.previous), kBody, kContentWidth) +
            4);

        const PeriodFigures &now = r.current, &then = r.before;
        const std::string cur = r.period.name, prev = r.previous.name;
        auto row = [](const std::string& label, long long a, long long b) {
            return std::vector<std::string>{label, std::to_string(a), std::to_string(b),
                                            with_sign(a - b)};
        };
        heading(p, "Kerncijfers", 60);
        table(p, {263, 80, 80, 76}, {"Cijfer", cur, prev, "Verschil"},
              {row("Ontvangen klachten", now.received, then.received),
               row("Afgehandeld", now.handling.count, then.handling.count),
               {"Doorlooptijd tot afhandeling, mediaan (dagen)", days(now.handling.median_days),
                days(then.handling.median_days), ""},
               {"Doorlooptijd tot afhandeling, 90e percentiel (dagen)", days(now.handling.p90_days),
                days(then.handling.p90_days), ""},
               row("Open aan het eind van de periode", now.open_at_end, then.open_at_end),
               row("Waarvan met een verstreken termijn", now.overdue_at_end, then.overdue_at_end),
               row("Afwijkingen en verbeteropties vastgelegd", now.findings_recorded,
                   then.findings_recorded),
               row("Maatregelen gestart", now.measures_opened, then.measures_opened),
               row("Maatregelen gereed", now.measures_done, then.measures_done),
               row("Maatregelen doeltreffend", now.measures_effective, then.measures_effective),
               row("Maatregelen niet doeltreffend", now.measures_not_effective,
                   then.measures_not_effective)});

        // Each breakdown: a bar per key for this period (blue) and the previous (grey).
        for (std::size_t b = 0; b < now.breakdowns.size(); ++b) {
            const Breakdown& cb = now.breakdowns[b];
            std::map<std::string, long long> before;
            for (const Breakdown& pb : then.breakdowns)
                if (pb.measure == cb.measure)
                    for (const KeyCount& k : pb.counts)
                        before[k.key] = k.n;
            std::vector<std::pair<std::string, std::pair<long long, long long>>> keys;
            for (const KeyCount& k : cb.counts)
                keys.push_back({k.key, {k.n, before[k.key]}});
            for (const auto& earlier : before)
                if (std::none_of(cb.counts.begin(), cb.counts.end(),
                                 [&](const KeyCount& k) { return k.key == earlier.first; }))
                    keys.push_back({earlier.first, {0, earlier.second}});
            long long most = 1;
            for (const auto& k : keys)
                most = std::max({most, k.second.first, k.second.second});
            std::string by = breakdown_title(cb.measure);
            by[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(by[0])));
            heading(p, "Ontvangen klachten naar " + by, 30);
            if (keys.empty()) {
                p.down(p.text(kMargin, "Geen klachten in deze perioden.", kBody, kContentWidth) +
                       4);
                continue;
            }
            for (const auto& [key, n] : keys) {
                const std::string label = breakdown_label(cb.measure, key, r);
                const double h = std::max(14.0, p.height(label, kBody, 170));
                p.keep(h + 2);
                p.text(kMargin, label, kBody, 170);
                p.bar(kMargin + 176, 210, static_cast<double>(n.first) / static_cast<double>(most),
                      true);
                p.bar(kMargin + 176, 210, static_cast<double>(n.second) / static_cast<double>(most),
                      false);
                p.text(kMargin + 392, std::to_string(n.first), kBody, 50, PANGO_ALIGN_RIGHT);
                p.text(kMargin + 446, std::to_string(n.second), kBody, 50, PANGO_ALIGN_RIGHT);
                p.down(h + 2);
            }
            p.down(p.text(kMargin + 176,
                          "blauw: " + cur + " (links het aantal), grijs: " + prev + " (rechts)",
                          "DejaVu Sans 6.5", 320) +
                   2);
        }

        heading(p, "Termijnen gehaald", 40);
        std::vector<std::vector<std::string>> deadlines;
        for (std::size_t i = 0; i < now.deadlines.size(); ++i) {
            const DeadlineFigure& d = now.deadlines[i];
            const DeadlineFigure* e = i < then.deadlines.size() ? &then.deadlines[i] : nullptr;
            deadlines.push_back({step_label(d.step), std::to_string(d.met),
                                 std::to_string(d.missed), std::to_string(d.running),
                                 percent(d.on_time_rate),
                                 e ? percent(e->on_time_rate) : std::string("–")});
        }
        table(p, {179, 60, 60, 60, 70, 70},
              {"Stap", "Op tijd", "Te laat", "Loopt", "Op tijd " + cur, prev}, deadlines);

        heading(p, "Doorlooptijd per stap (dagen)", 40);
        std::vector<std::vector<std::string>> steps;
        for (std::size_t i = 0; i < now.steps.size(); ++i) {
            const DurationFigure& d = now.steps[i];
            const DurationFigure* e = i < then.steps.size() ? &then.steps[i] : nullptr;
            steps.push_back({step_label(d.step), std::to_string(d.count), days(d.median_days),
                             days(d.p90_days), e ? days(e->median_days) : "–"});
        }
        table(p, {199, 70, 70, 80, 80},
              {"Stap", "Aantal", "Mediaan", "90e percentiel", "Mediaan " + prev}, steps);

        heading(p, "Conclusies en besluiten van de directiebeoordeling", 40);
        if (r.review) {
            const std::string who = "Vastgelegd door " + r.reviewed_by + " op " +
                                    format_local_nl(r.review->updated_at) + ".";
            // Paragraph by paragraph, so a long text runs on over the pages.
            std::string text = r.review->conclusions;
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find('\n', start);
                std::string para =
                    text.substr(start, end == std::string::npos ? std::string::npos : end - start);
                const double h = std::max(11.0, p.height(para, kBody, kContentWidth));
                p.keep(h);
                p.text(kMargin, para, kBody, kContentWidth);
                p.down(h + 1);
                if (end == std::string::npos) break;
                start = end + 1;
            }
            p.down(4);
            p.keep(12);
            p.down(p.text(kMargin, who, "DejaVu Sans Oblique 7.5", kContentWidth));
        } else {
            p.down(p.text(kMargin, "Nog niet vastgelegd.", kBody, kContentWidth));
        }
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return out;
}

} // namespace kd
