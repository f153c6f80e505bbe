//! Letters and written records as tagged PDF (PDF/UA-1), through krilla: the text in an embedded
//! open font (Liberation Sans, metric-compatible with the Arial the web pages use), and a
//! structure tree a screen reader follows (headings, paragraphs, lists and tables) with an
//! outline of the headings. krilla's own PDF/UA-1 validator runs on every document, so one that
//! breaks the standard's machine-checkable rules is refused rather than sent.
//!
//! A document is laid out first (lines placed on pages, each line a leaf of the structure), then
//! drawn: the layout knows how many pages there are before the "page 1 of 2" footers are drawn.
//!
//! Two sizes: standard print, and large print at 16 point and over (RNIB's clear print guidance
//! asks for at least 16 point, in a plain sans serif, left aligned).

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, ListNumbering, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::TextDirection;
use krilla::{Document as KrillaDocument, SerializeSettings};
use std::num::NonZeroU16;
use std::sync::LazyLock;

const REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");

/// The two weights: drawn by krilla, measured by ttf-parser from the same bytes.
struct Typeface {
    font: krilla::text::Font,
    face: ttf_parser::Face<'static>,
}

impl Typeface {
    fn load(bytes: &'static [u8]) -> Typeface {
        Typeface {
            font: krilla::text::Font::new(bytes.into(), 0).expect("the bundled font parses"),
            face: ttf_parser::Face::parse(bytes, 0).expect("the bundled font parses"),
        }
    }

    /// Whether the font has a glyph for the character.
    fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let per_em = f32::from(self.face.units_per_em());
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / per_em
    }
}

static REGULAR: LazyLock<Typeface> = LazyLock::new(|| Typeface::load(REGULAR_TTF));
static BOLD: LazyLock<Typeface> = LazyLock::new(|| Typeface::load(BOLD_TTF));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn typeface(self) -> &'static Typeface {
        match self {
            Weight::Regular => &REGULAR,
            Weight::Bold => &BOLD,
        }
    }
}

/// Standard or large print: every size in the document follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Print {
    #[default]
    Standard,
    Large,
}

impl Print {
    /// From a page address's `?print=large`; anything else is standard.
    pub fn from_query(value: Option<&str>) -> Print {
        if value == Some("large") { Print::Large } else { Print::Standard }
    }

    fn sizes(self) -> Sizes {
        match self {
            Print::Standard => Sizes { body: 11.0, small: 9.0, h1: 18.0, h2: 13.5, h3: 11.5 },
            // Nothing under 16 point, the notes and the law included.
            Print::Large => Sizes { body: 16.0, small: 16.0, h1: 24.0, h2: 20.0, h3: 18.0 },
        }
    }
}

#[derive(Clone, Copy)]
struct Sizes {
    body: f32,
    small: f32,
    h1: f32,
    h2: f32,
    h3: f32,
}

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 57.0; // 20 mm
const BOTTOM: f32 = PAGE_HEIGHT - 64.0; // the footer sits below this
/// Where a window envelope (DL or C5, window 20 mm in and about 45 mm down) shows the address.
const ADDRESS_TOP: f32 = 128.0;
/// Where the council's details start, to the right of the address.
const DETAILS_LEFT: f32 = 320.0;
/// Notes in a grey that still passes WCAG AA's 4.5:1 on white (about 7:1).
const GREY: (u8, u8, u8) = (0x50, 0x5a, 0x5f);

/// One line of text on a page, in the order it was laid out (top-left origin, y to the baseline).
struct Line {
    page: usize,
    x: f32,
    y: f32,
    weight: Weight,
    size: f32,
    grey: bool,
    text: String,
    /// The line as written, when `text` had to stand in for characters the font lacks: what a
    /// screen reader reads (the span's ActualText).
    actual: Option<String>,
}

impl Line {
    /// A line to draw; characters the font has no glyph for (a name in a script Liberation Sans
    /// does not cover) are drawn as "?" and kept whole in the line's actual text.
    fn new(page: usize, x: f32, y: f32, weight: Weight, size: f32, grey: bool, text: String) -> Line {
        let face = weight.typeface();
        let shown: String = text.chars().map(|c| if face.covers(c) { c } else { '?' }).collect();
        let actual = (shown != text).then_some(text);
        Line { page, x, y, weight, size, grey, text: shown, actual }
    }
}

/// The logical structure: what each line belongs to, in reading order.
enum Part {
    Group(Kind, Vec<Part>),
    Line(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// Its level, and its text (PDF/UA-1 asks for a heading's title).
    Heading(u16, String),
    Paragraph,
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    TableHead,
    TableBody,
    Row,
    HeaderCell,
    Cell,
}

struct Bookmark {
    level: u16,
    text: String,
    page: usize,
    y: f32,
}

/// Lays a document out as headings, paragraphs, lists and tables down A4 pages, keeping what each
/// line means for the structure tree.
pub struct Document {
    title: String,
    footer: String,
    print: Print,
    lines: Vec<Line>,
    parts: Vec<Part>,
    bookmarks: Vec<Bookmark>,
    page: usize,
    y: f32,
}

/// A letter the PDF/UA-1 validator would not pass, or that krilla could not write.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

impl Document {
    /// `footer` names the document on every page ("Reference P-12"), beside "page 1 of 2".
    pub fn new(title: &str, footer: &str, print: Print) -> Document {
        Document {
            title: title.to_owned(),
            footer: footer.to_owned(),
            print,
            lines: Vec::new(),
            parts: Vec::new(),
            bookmarks: Vec::new(),
            page: 0,
            y: MARGIN,
        }
    }

    fn sizes(&self) -> Sizes {
        self.print.sizes()
    }

    /// Starts a new page unless `needed` points fit on this one.
    fn room(&mut self, needed: f32) {
        if self.y + needed > BOTTOM && self.y > MARGIN {
            self.page += 1;
            self.y = MARGIN;
        }
    }

    fn line_height(size: f32) -> f32 {
        size * 1.4
    }

    /// Places wrapped text at `x`, `width` wide, from the current position; returns its lines.
    fn place(&mut self, text: &str, weight: Weight, size: f32, grey: bool, x: f32, width: f32) -> Vec<Part> {
        let mut parts = Vec::new();
        for line in wrap(text, weight, size, width) {
            self.room(Self::line_height(size));
            self.y += Self::line_height(size);
            parts.push(Part::Line(self.lines.len()));
            self.lines.push(Line::new(self.page, x, self.y - size * 0.3, weight, size, grey, line));
        }
        parts
    }

    fn full_width() -> f32 {
        PAGE_WIDTH - 2.0 * MARGIN
    }

    /// A heading: level 1 for the title, 2 for sections, 3 below. Kept with what follows it.
    pub fn heading(&mut self, text: &str, level: u16) {
        let s = self.sizes();
        let size = match level {
            1 => s.h1,
            2 => s.h2,
            _ => s.h3,
        };
        self.room(Self::line_height(size) + 3.0 * Self::line_height(s.body));
        self.y += size * 0.7;
        let before = (self.page, self.y);
        let lines = self.place(text, Weight::Bold, size, false, MARGIN, Self::full_width());
        if level <= 2 {
            let (page, y) = if self.page == before.0 { before } else { (self.page, MARGIN) };
            self.bookmarks.push(Bookmark { level, text: text.to_owned(), page, y });
        }
        self.parts.push(Part::Group(Kind::Heading(level, text.to_owned()), lines));
        self.y += size * 0.3;
    }

    /// A paragraph, with space after it.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_in(text, Weight::Regular);
    }

    /// A paragraph in bold: the answer a letter leads with.
    pub fn strong_paragraph(&mut self, text: &str) {
        self.paragraph_in(text, Weight::Bold);
    }

    fn paragraph_in(&mut self, text: &str, weight: Weight) {
        let body = self.sizes().body;
        let lines = self.place(text, weight, body, false, MARGIN, Self::full_width());
        self.parts.push(Part::Group(Kind::Paragraph, lines));
        self.y += body * 0.6;
    }

    /// A note in smaller grey type (the same size in large print).
    pub fn note(&mut self, text: &str) {
        let small = self.sizes().small;
        let lines = self.place(text, Weight::Regular, small, true, MARGIN, Self::full_width());
        self.parts.push(Part::Group(Kind::Paragraph, lines));
        self.y += small * 0.6;
    }

    /// A bulleted list; `small` sets it in the notes' size.
    pub fn list(&mut self, items: &[String], small: bool) {
        if items.is_empty() {
            return;
        }
        let size = if small { self.sizes().small } else { self.sizes().body };
        let indent = size * 1.4;
        let mut list = Vec::new();
        for item in items {
            self.room(Self::line_height(size));
            let bullet_page = self.page;
            let bullet_y = self.y + Self::line_height(size) - size * 0.3;
            let body = self.place(item, Weight::Regular, size, small, MARGIN + indent, Self::full_width() - indent);
            // The bullet is drawn on the item's first line, and read as the item's label.
            self.lines.push(Line::new(
                bullet_page,
                MARGIN + size * 0.2,
                bullet_y,
                Weight::Regular,
                size,
                small,
                "\u{2022}".to_owned(),
            ));
            let label = Part::Group(Kind::Label, vec![Part::Line(self.lines.len() - 1)]);
            list.push(Part::Group(Kind::ListItem, vec![label, Part::Group(Kind::ListBody, body)]));
            self.y += size * 0.35;
        }
        self.parts.push(Part::Group(Kind::List, list));
        self.y += size * 0.3;
    }

    /// Lines kept together as one paragraph (an address), at `x`, each on its own line.
    fn block(&mut self, lines: &[String], x: f32, width: f32, first_bold: bool) -> Part {
        let body = self.sizes().body;
        let mut parts = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let weight = if i == 0 && first_bold { Weight::Bold } else { Weight::Regular };
            // Each line ends in a space so that text read out of the PDF keeps its words apart.
            parts.extend(self.place(&format!("{line} "), weight, body, false, x, width));
        }
        Part::Group(Kind::Paragraph, parts)
    }

    /// A letter's head: in standard print the council's details on the right and the address
    /// where a window envelope shows it; in large print, one column. The address is read first.
    pub fn letter_head(&mut self, address: &[String], council: &[String], details: &[(String, String)]) {
        let details: Vec<String> = details.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        match self.print {
            Print::Standard => {
                let top = self.y;
                self.y = ADDRESS_TOP;
                let to = self.block(address, MARGIN, DETAILS_LEFT - MARGIN - 12.0, false);
                let left_end = self.y;
                self.y = top;
                let from = self.block(council, DETAILS_LEFT, PAGE_WIDTH - MARGIN - DETAILS_LEFT, true);
                self.y += 6.0;
                let about = self.block(&details, DETAILS_LEFT, PAGE_WIDTH - MARGIN - DETAILS_LEFT, false);
                self.y = self.y.max(left_end) + 18.0;
                self.parts.extend([to, from, about]);
            }
            Print::Large => {
                let width = Self::full_width();
                let body = self.sizes().body;
                let to = self.block(address, MARGIN, width, false);
                self.y += body;
                let from = self.block(council, MARGIN, width, true);
                self.y += body * 0.5;
                let about = self.block(&details, MARGIN, width, false);
                self.y += body;
                self.parts.extend([to, from, about]);
            }
        }
    }

    /// A table of what was counted: a header row, then a row per item with its amount on the
    /// right, a note under the item where there is one, totals in bold.
    pub fn table(&mut self, headers: (&str, &str), rows: &[TableRow]) {
        let s = self.sizes();
        let amount_width = match self.print {
            Print::Standard => 90.0,
            Print::Large => 130.0,
        };
        let label_width = Self::full_width() - amount_width - 12.0;
        let amount_right = PAGE_WIDTH - MARGIN;
        self.room(Self::line_height(s.body) * 3.0);
        let head_top = self.y;
        let what = self.place(headers.0, Weight::Bold, s.body, false, MARGIN, label_width);
        let after_what = self.y;
        self.y = head_top;
        let amount = self.right_aligned(headers.1, Weight::Bold, s.body, amount_right);
        self.y = self.y.max(after_what) + 4.0;
        let head = Part::Group(
            Kind::TableHead,
            vec![Part::Group(
                Kind::Row,
                vec![Part::Group(Kind::HeaderCell, what), Part::Group(Kind::HeaderCell, amount)],
            )],
        );
        let mut body = Vec::new();
        for row in rows {
            let weight = if row.strong { Weight::Bold } else { Weight::Regular };
            let label_lines = wrap(&row.label, weight, s.body, label_width).len();
            let note_lines =
                row.note.as_ref().map_or(0, |n| wrap(n, Weight::Regular, s.small, label_width - 10.0).len());
            // A row is not split across pages.
            self.room(Self::line_height(s.body) * label_lines as f32 + Self::line_height(s.small) * note_lines as f32);
            let top = self.y;
            let mut label = self.place(&row.label, weight, s.body, false, MARGIN, label_width);
            if let Some(note) = &row.note {
                label.extend(self.place(note, Weight::Regular, s.small, true, MARGIN + 10.0, label_width - 10.0));
            }
            let after_label = self.y;
            self.y = top;
            let amount = if row.amount.is_empty() {
                Vec::new()
            } else {
                self.right_aligned(&row.amount, weight, s.body, amount_right)
            };
            self.y = self.y.max(after_label) + s.body * 0.35;
            body.push(Part::Group(Kind::Row, vec![Part::Group(Kind::Cell, label), Part::Group(Kind::Cell, amount)]));
        }
        self.parts.push(Part::Group(Kind::Table, vec![head, Part::Group(Kind::TableBody, body)]));
        self.y += s.body * 0.6;
    }

    fn right_aligned(&mut self, text: &str, weight: Weight, size: f32, right: f32) -> Vec<Part> {
        self.y += Self::line_height(size);
        let x = right - weight.typeface().width(text, size);
        self.lines.push(Line::new(self.page, x, self.y - size * 0.3, weight, size, false, text.to_owned()));
        vec![Part::Line(self.lines.len() - 1)]
    }

    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Draws the laid-out document, with its structure tree and outline, and checks it against
    /// PDF/UA-1.
    pub fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        if self.lines.iter().any(|l| l.actual.is_some()) {
            self.note(
                "Some letters in this document are in a script this PDF cannot show, so they appear as question marks. A screen reader reads them as written, and the web page copy shows them.",
            );
        }
        let configuration = ConfigurationBuilder::new()
            .set_validator(Validator::Ua(Accessibility::UA1))
            .finish()
            .map_err(|e| PdfError(format!("{e:?}")))?;
        let settings = SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
        let mut pdf = KrillaDocument::new_with(settings);
        let page_count = self.lines.iter().map(|l| l.page + 1).max().unwrap_or(1);
        let mut ids: Vec<Option<krilla::tagging::Identifier>> = (0..self.lines.len()).map(|_| None).collect();
        let footer_size = self.sizes().small.min(12.0);
        for page_index in 0..page_count {
            let mut page = pdf.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a size"));
            let mut surface = page.surface();
            for (i, line) in self.lines.iter().enumerate().filter(|(_, l)| l.page == page_index) {
                let (r, g, b) = if line.grey { GREY } else { (0, 0, 0) };
                surface.set_fill(Some(Fill { paint: rgb::Color::new(r, g, b).into(), ..Fill::default() }));
                let id =
                    surface.start_tagged(ContentTag::Span(SpanTag::empty().with_actual_text(line.actual.as_deref())));
                surface.draw_text(
                    Point::from_xy(line.x, line.y),
                    line.weight.typeface().font.clone(),
                    line.size,
                    &line.text,
                    false,
                    TextDirection::Auto,
                );
                surface.end_tagged();
                ids[i] = Some(id);
            }
            // The footer repeats on every page, so it is an artifact, left out of what is read.
            let footer = format!("{}    Page {} of {page_count}", self.footer, page_index + 1);
            surface.set_fill(Some(Fill { paint: rgb::Color::new(GREY.0, GREY.1, GREY.2).into(), ..Fill::default() }));
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)));
            surface.draw_text(
                Point::from_xy(MARGIN, PAGE_HEIGHT - 36.0),
                REGULAR.font.clone(),
                footer_size,
                &footer,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            surface.finish();
            page.finish();
        }
        let mut tree = TagTree::new().with_lang(Some("en-GB".to_owned()));
        for part in self.parts {
            if let Some(node) = to_node(part, &mut ids) {
                tree.push(node);
            }
        }
        pdf.set_tag_tree(tree);
        pdf.set_outline(outline(&self.bookmarks));
        pdf.set_metadata(
            Metadata::new()
                .title(self.title.clone())
                .language("en-GB".to_owned())
                .creator("Hearth".to_owned())
                .producer("Hearth, with krilla".to_owned()),
        );
        pdf.finish().map_err(|e| PdfError(format!("{e:?}")))
    }
}

/// A row of a table: the item, an optional note under it, and its amount.
pub struct TableRow {
    pub label: String,
    pub note: Option<String>,
    pub amount: String,
    pub strong: bool,
}

fn to_node(part: Part, ids: &mut [Option<krilla::tagging::Identifier>]) -> Option<Node> {
    match part {
        Part::Line(i) => ids[i].take().map(Node::from),
        Part::Group(kind, children) => {
            let children: Vec<Node> = children.into_iter().filter_map(|c| to_node(c, ids)).collect();
            // An empty cell still holds its place in the table's rows.
            if children.is_empty() && !matches!(kind, Kind::Cell | Kind::HeaderCell) {
                return None;
            }
            Some(TagGroup::with_children(tag_of(kind), children).into())
        }
    }
}

fn tag_of(kind: Kind) -> TagKind {
    match kind {
        Kind::Heading(level, title) => Tag::Hn(NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN), Some(title)).into(),
        Kind::Paragraph => Tag::P.into(),
        Kind::List => Tag::L(ListNumbering::Disc).into(),
        Kind::ListItem => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::ListBody => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::TableHead => Tag::THead.into(),
        Kind::TableBody => Tag::TBody.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
    }
}

/// The outline (bookmarks) a reader's side panel shows: the title, with the sections under it.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let mut outline = Outline::new();
    let mut top: Option<OutlineNode> = None;
    for b in bookmarks {
        let node = OutlineNode::new(b.text.clone(), XyzDestination::new(b.page, Point::from_xy(0.0, b.y - 24.0)));
        match (b.level, top.as_mut()) {
            (1, _) | (_, None) => {
                if let Some(done) = top.replace(node.with_open(true)) {
                    outline.push_child(done);
                }
            }
            (_, Some(parent)) => parent.push_child(node),
        }
    }
    if let Some(done) = top {
        outline.push_child(done);
    }
    outline
}

/// Breaks text into lines no wider than `max` points; each line but the last keeps the space it
/// broke at, so that text read out of the PDF keeps its words apart.
fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let face = weight.typeface();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if face.width(&candidate, size) <= max || line.is_empty() {
                line = candidate;
            } else {
                line.push(' ');
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_inside_the_margins_and_keeps_its_spaces() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, Weight::Regular, 10.0, 80.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| REGULAR.width(l.trim_end(), 10.0) <= 80.0), "{lines:?}");
        assert_eq!(lines.concat(), text);
        // Bold is wider than regular.
        assert!(BOLD.width("Your care", 12.0) > REGULAR.width("Your care", 12.0));
    }

    fn sample(print: Print) -> Document {
        let mut doc = Document::new("Your financial assessment", "Reference F-1", print);
        doc.letter_head(
            &["Ada Example".to_owned(), "1 Sample Street".to_owned()],
            &["Exampleshire Council".to_owned(), "Town Hall".to_owned()],
            &[("Date".to_owned(), "7 December 2026".to_owned())],
        );
        doc.heading("Your financial assessment", 1);
        doc.strong_paragraph("From 2 September 2026 you will pay £128.21 a week towards your care.");
        doc.heading("Your income", 2);
        let rows: Vec<TableRow> = (0..60)
            .map(|i| TableRow {
                label: format!("Line {i} \u{2013} “quoted”"),
                note: (i % 3 == 0).then(|| "How we worked this out".to_owned()),
                amount: "£1.00".to_owned(),
                strong: i % 10 == 0,
            })
            .collect();
        doc.table(("What", "Amount"), &rows);
        doc.list(&["Pay by direct debit".to_owned(), "Ask us to look again".to_owned()], false);
        doc
    }

    #[test]
    fn a_document_is_a_tagged_pdf_ua_file_with_an_embedded_font_and_a_page_per_screenful() {
        let standard = sample(Print::Standard).finish().expect("passes PDF/UA-1 as krilla checks it");
        let large = sample(Print::Large).finish().expect("passes PDF/UA-1 as krilla checks it");
        for pdf in [&standard, &large] {
            assert!(pdf.starts_with(b"%PDF-1.7"));
            let text = String::from_utf8_lossy(pdf);
            for needed in ["/StructTreeRoot", "/MarkInfo", "pdfuaid:part", "/FontFile2", "LiberationSans", "/Outlines"]
            {
                assert!(text.contains(needed), "{needed} missing");
            }
        }
        // Large print takes more pages for the same letter.
        let standard_pages = sample(Print::Standard).page + 1;
        let large_pages = sample(Print::Large).page + 1;
        assert!(standard_pages >= 2);
        assert!(large_pages > standard_pages, "{large_pages} against {standard_pages}");
    }

    #[test]
    fn a_name_in_a_script_the_font_lacks_still_makes_a_letter_read_as_written() {
        let mut doc = Document::new("Your letter", "Reference P-1", Print::Standard);
        doc.heading("Your letter", 1);
        doc.paragraph("Dear 张伟 Nguyễn Łódź,");
        let drawn = doc.lines.iter().find(|l| l.text.starts_with("Dear")).unwrap();
        assert_eq!(drawn.text, "Dear ?? Nguyễn Łódź,");
        assert_eq!(drawn.actual.as_deref(), Some("Dear 张伟 Nguyễn Łódź,"));
        let pdf = doc.finish().expect("passes PDF/UA-1 as krilla checks it");
        // What the text is read as: poppler follows the actual text, where it is installed.
        let file = std::env::temp_dir().join(format!("hearth-actual-text-{}.pdf", std::process::id()));
        std::fs::write(&file, &pdf).unwrap();
        if let Ok(out) = std::process::Command::new("pdftotext").arg(&file).arg("-").output() {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(text.contains("Dear 张伟 Nguyễn Łódź,"), "{text}");
            assert!(text.contains("cannot show"), "the letter says so: {text}");
        }
        std::fs::remove_file(&file).ok();
    }

    #[test]
    fn large_print_has_nothing_under_16_point() {
        let doc = sample(Print::Large);
        assert!(doc.lines.iter().all(|l| l.size >= 16.0));
        let doc = sample(Print::Standard);
        assert!(doc.lines.iter().any(|l| l.size < 12.0));
    }

    #[test]
    fn lines_stay_inside_the_page() {
        for print in [Print::Standard, Print::Large] {
            let doc = sample(print);
            for l in &doc.lines {
                let w = l.weight.typeface().width(l.text.trim_end(), l.size);
                assert!(l.x >= MARGIN - 0.5 && l.x + w <= PAGE_WIDTH - MARGIN + 0.5, "{print:?}: {}", l.text);
                assert!(l.y <= BOTTOM && l.y >= MARGIN, "{print:?}: {} at {}", l.text, l.y);
            }
        }
    }
}
