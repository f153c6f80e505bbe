//! Reads postcode files: the ONS Postcode Directory's CSV layout (any recent edition) and the
//! simpler `postcode,easting,northing[,lad_code,lsoa11,msoa11,terminated]` layout.

use hearth_domain::directory::postcode::Postcode;
use hearth_store::directory::postcodes::PostcodeRecord;
use std::io::Read;

/// One thing wrong with one row.
#[derive(Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub field: &'static str,
    pub problem: String,
}

#[derive(Debug, Default)]
pub struct PostcodeFile {
    pub records: Vec<PostcodeRecord>,
    /// Rows the ONS publishes without a grid reference (such as some PO boxes): skipped, counted.
    pub without_grid_reference: usize,
    pub problems: Vec<RowProblem>,
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.iter().any(|n| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(n)))
}

/// The National Grid covers Great Britain within these bounds (metres).
const MAX_EASTING: i32 = 700_000;
const MAX_NORTHING: i32 = 1_300_000;

/// Reads a postcode file whole, refusing it if any row is wrong (naming the first few).
pub fn read_path(path: &std::path::Path) -> Result<PostcodeFile, String> {
    let input = std::fs::File::open(path).map_err(|e| format!("opening {}: {e}", path.display()))?;
    let file = read(std::io::BufReader::new(input))?;
    if let Some(p) = file.problems.first() {
        return Err(format!(
            "{}: {} rows need correcting, the first at line {}, {}: {}",
            path.display(),
            file.problems.len(),
            p.line,
            p.field,
            p.problem
        ));
    }
    Ok(file)
}

/// The postcodes still in use, as places for demo services.
pub fn live_places(records: &[PostcodeRecord]) -> Vec<hearth_domain::demo_directory::GridPlace> {
    records
        .iter()
        .filter(|r| !r.terminated)
        .map(|r| hearth_domain::demo_directory::GridPlace {
            postcode: r.postcode.as_str().to_owned(),
            easting: f64::from(r.easting),
            northing: f64::from(r.northing),
        })
        .collect()
}

pub fn read(input: impl Read) -> Result<PostcodeFile, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader.headers().map_err(|e| format!("the file has no readable header row: {e}"))?.clone();
    let postcode_col = column(&headers, &["pcds", "pcd", "pcd7", "pcd8", "postcode"])
        .ok_or("no postcode column (expected pcds, pcd, pcd7, pcd8 or postcode)")?;
    let east_col = column(&headers, &["oseast1m", "east1m", "easting"])
        .ok_or("no easting column (expected oseast1m, east1m or easting)")?;
    let north_col = column(&headers, &["osnrth1m", "north1m", "northing"])
        .ok_or("no northing column (expected osnrth1m, north1m or northing)")?;
    let lad_col = column(&headers, &["oslaua", "laua", "lad25cd", "lad24cd", "lad23cd", "lad_code"]);
    let lsoa_col = column(&headers, &["lsoa21cd", "lsoa21", "lsoa11cd", "lsoa11"]);
    let doterm_col = column(&headers, &["doterm"]);
    let terminated_col = column(&headers, &["terminated"]);

    let mut file = PostcodeFile::default();
    for (index, row) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                file.problems.push(RowProblem { line, field: "row", problem: e.to_string() });
                continue;
            }
        };
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map(str::trim).filter(|v| !v.is_empty());
        let Some(raw_postcode) = get(Some(postcode_col)) else {
            file.problems.push(RowProblem { line, field: "postcode", problem: "is empty".into() });
            continue;
        };
        let postcode = match Postcode::parse(raw_postcode) {
            Ok(p) => p,
            Err(_) => {
                file.problems.push(RowProblem {
                    line,
                    field: "postcode",
                    problem: format!("{raw_postcode:?} is not a postcode"),
                });
                continue;
            }
        };
        let (Some(east), Some(north)) = (get(Some(east_col)), get(Some(north_col))) else {
            file.without_grid_reference += 1;
            continue;
        };
        let mut grid = |value: &str, field: &'static str, max: i32| match value.parse::<i32>() {
            Ok(v) if (0..=max).contains(&v) => Some(v),
            _ => {
                file.problems.push(RowProblem {
                    line,
                    field,
                    problem: format!("{value:?} is not a grid reference in metres"),
                });
                None
            }
        };
        let (Some(easting), Some(northing)) =
            (grid(east, "easting", MAX_EASTING), grid(north, "northing", MAX_NORTHING))
        else {
            continue;
        };
        // The ONS leaves some postcodes with no real position at (0, 1) or similar; treat as none.
        if easting == 0 && northing <= 1 {
            file.without_grid_reference += 1;
            continue;
        }
        let terminated = match (get(doterm_col), get(terminated_col)) {
            (Some(_), _) => true,
            (None, Some(flag)) => flag.eq_ignore_ascii_case("yes") || flag.eq_ignore_ascii_case("true"),
            (None, None) => false,
        };
        file.records.push(PostcodeRecord {
            postcode,
            easting,
            northing,
            lad_code: get(lad_col).map(str::to_owned),
            lsoa: get(lsoa_col).map(str::to_owned),
            terminated,
        });
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_simple_layout() {
        let csv = "postcode,lad_code,easting,northing,lsoa11,msoa11,terminated\n\
                   LE1 1AA,E06000016,459318,304176,E01032873,E02006851,no\n\
                   le11ab,E06000016,459294,304253,E01032873,E02006851,yes\n";
        let file = read(csv.as_bytes()).unwrap();
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        assert_eq!(file.records.len(), 2);
        assert_eq!(file.records[1].postcode.as_str(), "LE1 1AB");
        assert!(file.records[1].terminated && !file.records[0].terminated);
        assert_eq!(file.records[0].lsoa.as_deref(), Some("E01032873"));
    }

    #[test]
    fn reads_the_ons_postcode_directory_layout() {
        let csv = "\"pcd\",\"pcd2\",\"pcds\",\"dointr\",\"doterm\",\"oslaua\",\"oseast1m\",\"osnrth1m\",\"lsoa11\"\n\
                   \"PO1 2AB\",\"PO1  2AB\",\"PO1 2AB\",\"198001\",\"\",\"E06000044\",\"464340\",\"100350\",\"E01017032\"\n\
                   \"PO1 9ZZ\",\"PO1  9ZZ\",\"PO1 9ZZ\",\"198001\",\"200012\",\"E06000044\",\"\",\"\",\"\"\n\
                   \"PO1 2AD\",\"PO1  2AD\",\"PO1 2AD\",\"198001\",\"200012\",\"E06000044\",\"464341\",\"100351\",\"\"\n";
        let file = read(csv.as_bytes()).unwrap();
        assert!(file.problems.is_empty(), "{:?}", file.problems);
        assert_eq!(file.records.len(), 2);
        assert_eq!(file.without_grid_reference, 1);
        assert_eq!(file.records[0].lad_code.as_deref(), Some("E06000044"));
        assert!(file.records[1].terminated);
    }

    #[test]
    fn names_each_bad_row_and_field() {
        let csv = "postcode,easting,northing\nLE1 1AA,459318,304176\nNOT A CODE,1,2\nLE1 1AB,east,304253\nLE1 1AD,459294,99999999\n";
        let file = read(csv.as_bytes()).unwrap();
        assert_eq!(
            file.problems,
            vec![
                RowProblem { line: 3, field: "postcode", problem: "\"NOT A CODE\" is not a postcode".into() },
                RowProblem { line: 4, field: "easting", problem: "\"east\" is not a grid reference in metres".into() },
                RowProblem {
                    line: 5,
                    field: "northing",
                    problem: "\"99999999\" is not a grid reference in metres".into()
                },
            ]
        );
        assert!(read("name,age\nx,1\n".as_bytes()).unwrap_err().contains("no postcode column"));
    }
}
