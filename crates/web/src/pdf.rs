//! A small PDF writer for letters: A4 pages of wrapped text in Helvetica (one of the fonts every
//! PDF reader has, so nothing is embedded), with headings and right-aligned amounts. Enough for a
//! written record to print or post; the accessible version of the same record is its web page.

/// Helvetica's widths (per 1,000 units of the font size) for the printable ASCII characters.
const WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
    278, 278, 584, 584, 584, 556, 1015, // : to @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A to Z
    278, 278, 278, 469, 556, 333, // [ to `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a to z
    334, 260, 334, 584, // { to ~
];

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// A character in Windows-1252 (the encoding the standard fonts use), or `?`.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '£' => 0xA3,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{2212}' => b'-',
        '\u{00A0}' => b' ',
        c if (c as u32) >= 0xA0 && (c as u32) <= 0xFF => c as u32 as u8,
        _ => b'?',
    }
}

fn char_width(byte: u8, font: Font) -> f32 {
    let base = match byte {
        32..=126 => f32::from(WIDTHS[usize::from(byte - 32)]),
        0xA3 => 556.0,
        0x91 | 0x92 => 222.0,
        0x93 | 0x94 => 333.0,
        0x95 => 350.0,
        0x96 => 556.0,
        0x97 => 1000.0,
        _ => 556.0,
    };
    // Bold is a little wider; allowing for it keeps lines inside the margin.
    if font == Font::Bold { base * 1.06 } else { base }
}

fn width(text: &str, font: Font, size: f32) -> f32 {
    text.chars().map(|c| char_width(win_ansi(c), font)).sum::<f32>() * size / 1000.0
}

/// Breaks text into lines no wider than `max` points.
fn wrap(text: &str, font: Font, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(&candidate, font, size) <= max || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        lines.push(line);
    }
    lines
}

fn pdf_string(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars() {
        match win_ansi(c) {
            b'(' => out.push_str("\\("),
            b')' => out.push_str("\\)"),
            b'\\' => out.push_str("\\\\"),
            b @ 32..=126 => out.push(b as char),
            b => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push(')');
    out
}

/// Lays out text down A4 pages, starting a new page when one is full.
pub struct Document {
    title: String,
    pages: Vec<String>,
    current: String,
    y: f32,
}

impl Document {
    pub fn new(title: &str) -> Document {
        Document { title: title.to_owned(), pages: Vec::new(), current: String::new(), y: PAGE_HEIGHT - MARGIN }
    }

    fn room(&mut self, needed: f32) {
        if self.y - needed < MARGIN {
            self.pages.push(std::mem::take(&mut self.current));
            self.y = PAGE_HEIGHT - MARGIN;
        }
    }

    fn put(&mut self, font: Font, size: f32, x: f32, text: &str, grey: bool) {
        let colour = if grey { "0.33 g" } else { "0 g" };
        self.current.push_str(&format!(
            "BT {colour} /{} {size} Tf {x:.2} {:.2} Td {} Tj ET\n",
            font.name(),
            self.y,
            pdf_string(text)
        ));
    }

    /// A paragraph, wrapped, with space after.
    pub fn paragraph(&mut self, text: &str, font: Font, size: f32) {
        self.indented(text, font, size, 0.0, false);
        self.y -= size * 0.6;
    }

    /// Wrapped text starting `indent` points in; smaller and grey for notes.
    pub fn indented(&mut self, text: &str, font: Font, size: f32, indent: f32, grey: bool) {
        let max = PAGE_WIDTH - 2.0 * MARGIN - indent;
        for line in wrap(text, font, size, max) {
            self.room(size * 1.35);
            self.y -= size * 1.1;
            self.put(font, size, MARGIN + indent, &line, grey);
            self.y -= size * 0.25;
        }
    }

    pub fn heading(&mut self, text: &str, size: f32) {
        self.room(size * 3.0);
        self.y -= size * 0.6;
        self.paragraph(text, Font::Bold, size);
    }

    /// A row of a table: a wrapped label on the left and an amount on the right.
    pub fn row(&mut self, label: &str, amount: &str, bold: bool) {
        let font = if bold { Font::Bold } else { Font::Regular };
        let size = 10.5;
        // Figures are the same width in bold (Helvetica's digits are 556 in both), so measure
        // them as regular for the right edge to line up.
        let amount_width = width(amount, Font::Regular, size);
        let max = PAGE_WIDTH - 2.0 * MARGIN - 90.0;
        let lines = wrap(label, font, size, max);
        self.room(size * 1.35 * lines.len() as f32);
        for (i, line) in lines.iter().enumerate() {
            self.y -= size * 1.1;
            self.put(font, size, MARGIN, line, false);
            if i == 0 && !amount.is_empty() {
                self.put(font, size, PAGE_WIDTH - MARGIN - amount_width, amount, false);
            }
            self.y -= size * 0.25;
        }
    }

    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// The finished PDF.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.current));
        }
        let mut objects: Vec<String> = Vec::new();
        let page_count = self.pages.len();
        // 1: catalog, 2: pages, 3: regular font, 4: bold font, 5: information; then a page and
        // its content stream for each page.
        objects.push("<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>".to_owned());
        let kids: Vec<String> = (0..page_count).map(|i| format!("{} 0 R", 6 + i * 2)).collect();
        objects.push(format!("<< /Type /Pages /Kids [{}] /Count {page_count} >>", kids.join(" ")));
        objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned());
        objects
            .push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_owned());
        objects.push(format!("<< /Title {} /Producer (Hearth) >>", pdf_string(&self.title)));
        for (i, content) in self.pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                7 + i * 2
            ));
            objects.push(format!("<< /Length {} >>\nstream\n{content}endstream", content.len()));
        }
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            // Content streams hold only ASCII (everything else is escaped), so bytes and chars agree.
            out.extend_from_slice(body.as_bytes());
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
                .as_bytes(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_inside_the_margins_and_escapes() {
        let lines = wrap("one two three four five six seven eight nine ten", Font::Regular, 10.0, 80.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, Font::Regular, 10.0) <= 80.0));
        assert_eq!(pdf_string("£5 (a week) \\ “ok”"), "(\\2435 \\(a week\\) \\\\ \\223ok\\224)");
    }

    #[test]
    fn a_document_is_a_well_formed_pdf_with_a_page_per_screenful() {
        let mut doc = Document::new("Your financial assessment");
        doc.heading("Your financial assessment", 16.0);
        for i in 0..120 {
            doc.row(&format!("Line {i}"), "£1.00", i % 10 == 0);
        }
        let pdf = doc.finish();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        let pages = text.matches("/Type /Page ").count();
        assert!(pages >= 2, "{pages} pages");
        assert!(text.contains(&format!("/Count {pages}")));
        // The cross-reference table points at each object (offsets count bytes).
        let xref_at: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&pdf[xref_at..]).into_owned();
        for (n, line) in table.lines().skip(3).take_while(|l| l.ends_with(" n ")).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()), "{line}");
        }
    }
}
