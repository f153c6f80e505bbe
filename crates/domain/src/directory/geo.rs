//! Grid references and distances, computed here so that no online geocoder is needed.
//!
//! ONS postcode files give British National Grid eastings and northings (OSGB36 datum, Airy
//! 1830 ellipsoid, transverse Mercator). We turn them into WGS84 latitude and longitude with the
//! formulas in Ordnance Survey's "A guide to coordinate systems in Great Britain" (inverse
//! transverse Mercator, then a seven-parameter Helmert transformation). The Helmert step is good
//! to a few metres, which is ample for "how far is this service".

/// A point on the WGS84 datum, in decimal degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub latitude: f64,
    pub longitude: f64,
}

struct Ellipsoid {
    a: f64,
    b: f64,
}

const AIRY_1830: Ellipsoid = Ellipsoid { a: 6_377_563.396, b: 6_356_256.909 };
const WGS84: Ellipsoid = Ellipsoid { a: 6_378_137.0, b: 6_356_752.314_245 };

// National Grid projection constants (OS guide, table A.1).
const F0: f64 = 0.999_601_271_7;
const LAT0_DEG: f64 = 49.0;
const LON0_DEG: f64 = -2.0;
const E0: f64 = 400_000.0;
const N0: f64 = -100_000.0;

fn meridional_arc(e: &Ellipsoid, n: f64, lat: f64, lat0: f64) -> f64 {
    let (n2, n3) = (n * n, n * n * n);
    e.b * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * (lat - lat0)
            - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * (lat - lat0).sin() * (lat + lat0).cos()
            + (15.0 / 8.0 * n2 + 15.0 / 8.0 * n3) * (2.0 * (lat - lat0)).sin() * (2.0 * (lat + lat0)).cos()
            - 35.0 / 24.0 * n3 * (3.0 * (lat - lat0)).sin() * (3.0 * (lat + lat0)).cos())
}

/// Easting and northing to latitude and longitude on the OSGB36 datum (OS guide, C.2).
pub fn grid_to_osgb36(easting: f64, northing: f64) -> LatLon {
    let e = &AIRY_1830;
    let (a, b) = (e.a, e.b);
    let lat0 = LAT0_DEG.to_radians();
    let lon0 = LON0_DEG.to_radians();
    let e2 = 1.0 - (b * b) / (a * a);
    let n = (a - b) / (a + b);

    let mut lat = lat0;
    let mut m = 0.0;
    loop {
        lat += (northing - N0 - m) / (a * F0);
        m = meridional_arc(e, n, lat, lat0);
        if (northing - N0 - m).abs() < 0.000_01 {
            break;
        }
    }
    let (sin, cos, tan) = (lat.sin(), lat.cos(), lat.tan());
    let nu = a * F0 / (1.0 - e2 * sin * sin).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * sin * sin).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let sec = 1.0 / cos;
    let (t2, t4, t6) = (tan * tan, tan.powi(4), tan.powi(6));
    let vii = tan / (2.0 * rho * nu);
    let viii = tan / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
    let ix = tan / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * t2 + 45.0 * t4);
    let x = sec / nu;
    let xi = sec / (6.0 * nu.powi(3)) * (nu / rho + 2.0 * t2);
    let xii = sec / (120.0 * nu.powi(5)) * (5.0 + 28.0 * t2 + 24.0 * t4);
    let xiia = sec / (5040.0 * nu.powi(7)) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);
    let de = easting - E0;
    let latitude = lat - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6);
    let longitude = lon0 + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7);
    LatLon { latitude: latitude.to_degrees(), longitude: longitude.to_degrees() }
}

fn to_cartesian(p: LatLon, e: &Ellipsoid) -> (f64, f64, f64) {
    let (lat, lon) = (p.latitude.to_radians(), p.longitude.to_radians());
    let e2 = 1.0 - (e.b * e.b) / (e.a * e.a);
    let nu = e.a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    (nu * lat.cos() * lon.cos(), nu * lat.cos() * lon.sin(), (1.0 - e2) * nu * lat.sin())
}

fn from_cartesian((x, y, z): (f64, f64, f64), e: &Ellipsoid) -> LatLon {
    let e2 = 1.0 - (e.b * e.b) / (e.a * e.a);
    let p = (x * x + y * y).sqrt();
    let mut lat = z.atan2(p * (1.0 - e2));
    for _ in 0..10 {
        let nu = e.a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
        lat = (z + e2 * nu * lat.sin()).atan2(p);
    }
    LatLon { latitude: lat.to_degrees(), longitude: y.atan2(x).to_degrees() }
}

/// OSGB36 to WGS84 with the OS's Helmert parameters (OS guide, section 6.6: the published
/// WGS84 to OSGB36 parameters with every sign reversed).
pub fn osgb36_to_wgs84(p: LatLon) -> LatLon {
    let (x, y, z) = to_cartesian(p, &AIRY_1830);
    let arcsec = |s: f64| (s / 3600.0).to_radians();
    let (tx, ty, tz) = (446.448, -125.157, 542.060);
    let s = -20.4894e-6;
    let (rx, ry, rz) = (arcsec(0.1502), arcsec(0.2470), arcsec(0.8421));
    let x2 = tx + (1.0 + s) * x - rz * y + ry * z;
    let y2 = ty + rz * x + (1.0 + s) * y - rx * z;
    let z2 = tz - ry * x + rx * y + (1.0 + s) * z;
    from_cartesian((x2, y2, z2), &WGS84)
}

/// A National Grid reference as WGS84 latitude and longitude.
pub fn grid_to_wgs84(easting: f64, northing: f64) -> LatLon {
    osgb36_to_wgs84(grid_to_osgb36(easting, northing))
}

/// The mean radius of the Earth (IUGG), for great-circle distances.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres (haversine).
pub fn distance_m(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.longitude - a.longitude).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// A box that contains every point within `radius_m` of `centre`: a cheap first filter for
/// databases, before the exact distance.
pub fn bounding_box(centre: LatLon, radius_m: f64) -> (LatLon, LatLon) {
    let dlat = (radius_m / EARTH_RADIUS_M).to_degrees();
    let dlon = dlat / centre.latitude.to_radians().cos().max(0.01);
    (
        LatLon { latitude: centre.latitude - dlat, longitude: centre.longitude - dlon },
        LatLon { latitude: centre.latitude + dlat, longitude: centre.longitude + dlon },
    )
}

/// Grid cells of a hundredth of a degree (about 1.1 km north to south, 0.7 km east to west in
/// England): a place's cell is indexed, so a search near a point reads only the few cells around
/// it instead of a whole band of latitude.
pub fn cell_of(point: LatLon) -> i64 {
    let lat = (point.latitude * 100.0).floor() as i64;
    let lon = (point.longitude * 100.0).floor() as i64;
    lat * 100_000 + lon + 50_000
}

/// Every cell that meets the box from `low` to `high`, or `None` when there would be more than
/// `limit` (a search over a wide area is better served by the plain latitude range).
pub fn cells_covering(low: LatLon, high: LatLon, limit: usize) -> Option<Vec<i64>> {
    let (lat0, lat1) = ((low.latitude * 100.0).floor() as i64, (high.latitude * 100.0).floor() as i64);
    let (lon0, lon1) = ((low.longitude * 100.0).floor() as i64, (high.longitude * 100.0).floor() as i64);
    let count = usize::try_from((lat1 - lat0 + 1) * (lon1 - lon0 + 1)).ok()?;
    if count > limit {
        return None;
    }
    let mut cells = Vec::with_capacity(count);
    for lat in lat0..=lat1 {
        for lon in lon0..=lon1 {
            cells.push(lat * 100_000 + lon + 50_000);
        }
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_around_a_point_hold_every_place_within_the_distance() {
        let centre = LatLon { latitude: 52.6335, longitude: -1.1339 };
        let (low, high) = bounding_box(centre, 1_609.0);
        let cells = cells_covering(low, high, 400).unwrap();
        assert!(cells.len() <= 20, "{}", cells.len());
        // Points on a ring just inside the distance, on both sides of the prime meridian's sign.
        for step in 0..72 {
            let angle = f64::from(step) * 5f64.to_radians();
            let p = LatLon {
                latitude: centre.latitude + (1_600.0 / EARTH_RADIUS_M).to_degrees() * angle.sin(),
                longitude: centre.longitude
                    + (1_600.0 / EARTH_RADIUS_M).to_degrees() * angle.cos() / centre.latitude.to_radians().cos(),
            };
            assert!(distance_m(centre, p) <= 1_609.0);
            assert!(cells.contains(&cell_of(p)), "{p:?}");
        }
        let west = LatLon { latitude: 52.0, longitude: -0.004 };
        let east = LatLon { latitude: 52.0, longitude: 0.004 };
        assert_ne!(cell_of(west), cell_of(east), "either side of longitude 0 are different cells");
        assert!(
            cells_covering(LatLon { latitude: 50.0, longitude: -5.0 }, LatLon { latitude: 55.0, longitude: 1.0 }, 400)
                .is_none()
        );
    }

    fn dms(d: f64, m: f64, s: f64) -> f64 {
        d + m / 60.0 + s / 3600.0
    }

    #[test]
    fn the_ordnance_survey_worked_example() {
        // OS guide, C.2: E 651409.903, N 313177.270 is 52°39'27.2531"N 1°43'4.5177"E on OSGB36.
        let p = grid_to_osgb36(651_409.903, 313_177.270);
        assert!((p.latitude - dms(52.0, 39.0, 27.2531)).abs() < 1e-7, "{p:?}");
        assert!((p.longitude - dms(1.0, 43.0, 4.5177)).abs() < 1e-7, "{p:?}");
    }

    #[test]
    fn wgs84_matches_an_independent_implementation() {
        // Reference values from PROJ (pyproj, EPSG:27700 to EPSG:4326 with the same Helmert
        // parameters, no grid files), for a point in Leicester and the OS worked example.
        for (e, n, lat, lon) in [
            (459_318.0, 304_176.0, 52.632_104_677, -1.124_995_907),
            (651_409.903, 313_177.270, 52.657_978_599, 1.716_051_990),
        ] {
            let p = grid_to_wgs84(e, n);
            assert!((p.latitude - lat).abs() < 1e-6 && (p.longitude - lon).abs() < 1e-6, "{p:?}");
        }
    }

    #[test]
    fn a_leicester_postcode_lands_in_leicester() {
        // LE1 1AA, from the ONS postcode directory; the Clock Tower is at about 52.6365, -1.1334.
        let p = grid_to_wgs84(459_318.0, 304_176.0);
        let clock_tower = LatLon { latitude: 52.6365, longitude: -1.1334 };
        assert!(distance_m(p, clock_tower) < 1_000.0, "{p:?}");
    }

    #[test]
    fn distances() {
        let a = LatLon { latitude: 52.0, longitude: -1.0 };
        let b = LatLon { latitude: 53.0, longitude: -1.0 };
        assert!((distance_m(a, b) - 111_195.0).abs() < 10.0);
        assert_eq!(distance_m(a, a), 0.0);
        let (low, high) = bounding_box(a, 5_000.0);
        for corner in [
            LatLon { latitude: low.latitude, longitude: a.longitude },
            LatLon { latitude: a.latitude, longitude: high.longitude },
        ] {
            assert!((distance_m(a, corner) - 5_000.0).abs() < 5.0);
        }
    }
}
