//! A reader for NumPy `.npz` archives: a zip directory read by hand, members inflated with flate2,
//! `.npy` headers parsed for little-endian `f4`, `f8`, `u1` and `i1` arrays.

use flate2::read::DeflateDecoder;
use rustc_hash::FxHashMap;
use std::io::Read;

/// One array of an archive: its shape and its raw little-endian data.
#[derive(Debug, Clone)]
pub(crate) struct NpyArray {
    /// The dtype descriptor, e.g. `<f4`.
    pub descr: String,
    /// The dimensions (empty for a scalar).
    pub shape: Vec<usize>,
    /// The element bytes in C order.
    pub data: Vec<u8>,
}

impl NpyArray {
    /// The elements as `f32` (from `<f4`), checking the shape.
    pub fn to_f32(&self, shape: &[usize]) -> Result<Vec<f32>, String> {
        self.check(shape, "<f4")?;
        Ok(self.data.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }

    /// The single element of an `<f8` scalar.
    pub fn scalar_f64(&self) -> Result<f64, String> {
        self.check(&[], "<f8")?;
        let b: [u8; 8] = self.data[..8].try_into().map_err(|_| "short scalar".to_string())?;
        Ok(f64::from_le_bytes(b))
    }

    /// Checks the dtype and the shape.
    pub fn check(&self, shape: &[usize], descr: &str) -> Result<(), String> {
        if self.descr != descr || self.shape != shape {
            return Err(format!("expected {descr} {shape:?}, found {} {:?}", self.descr, self.shape));
        }
        Ok(())
    }
}

fn u16_at(b: &[u8], at: usize) -> Result<usize, String> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]) as usize).ok_or_else(|| "truncated".into())
}

fn u32_at(b: &[u8], at: usize) -> Result<usize, String> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
        .ok_or_else(|| "truncated".into())
}

/// Reads every member of an `.npz` archive held in memory, keyed by name without `.npy`.
pub(crate) fn read_npz(bytes: &[u8]) -> Result<FxHashMap<String, NpyArray>, String> {
    // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
    let floor = bytes.len().saturating_sub(65_536 + 22);
    let eocd = (floor..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or("no zip end-of-directory record")?;
    let entries = u16_at(bytes, eocd + 10)?;
    let mut at = u32_at(bytes, eocd + 16)?;
    let mut arrays = FxHashMap::default();
    for _ in 0..entries {
        if bytes.get(at..at + 4) != Some(&[0x50, 0x4b, 0x01, 0x02][..]) {
            return Err("bad central directory entry".into());
        }
        let method = u16_at(bytes, at + 10)?;
        let name_len = u16_at(bytes, at + 28)?;
        let extra_len = u16_at(bytes, at + 30)?;
        let comment_len = u16_at(bytes, at + 32)?;
        let local = u32_at(bytes, at + 42)?;
        let name = std::str::from_utf8(bytes.get(at + 46..at + 46 + name_len).ok_or("truncated name")?)
            .map_err(|_| "member name is not UTF-8")?
            .to_string();
        at += 46 + name_len + extra_len + comment_len;

        if bytes.get(local..local + 4) != Some(&[0x50, 0x4b, 0x03, 0x04][..]) {
            return Err(format!("bad local header for {name}"));
        }
        let start = local + 30 + u16_at(bytes, local + 26)? + u16_at(bytes, local + 28)?;
        let body = bytes.get(start..).ok_or("member data out of range")?;
        // Sizes may be deferred to zip64 fields; the .npy header says how much data follows, so
        // the member is read as a stream instead.
        let array = match method {
            0 => parse_npy(&mut &body[..])?,
            8 => parse_npy(&mut DeflateDecoder::new(body))?,
            m => return Err(format!("{name}: unsupported compression method {m}")),
        };
        arrays.insert(name.trim_end_matches(".npy").to_string(), array);
    }
    Ok(arrays)
}

fn parse_npy(r: &mut impl Read) -> Result<NpyArray, String> {
    let io = |e: std::io::Error| e.to_string();
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic).map_err(io)?;
    if &magic[..6] != b"\x93NUMPY" {
        return Err("not an .npy member".into());
    }
    let header_len = if magic[6] == 1 {
        let mut b = [0u8; 2];
        r.read_exact(&mut b).map_err(io)?;
        u16::from_le_bytes(b) as usize
    } else {
        let mut b = [0u8; 4];
        r.read_exact(&mut b).map_err(io)?;
        u32::from_le_bytes(b) as usize
    };
    let mut header = vec![0u8; header_len];
    r.read_exact(&mut header).map_err(io)?;
    let header = String::from_utf8(header).map_err(|_| "npy header is not text")?;
    let descr = quoted_value(&header, "descr").ok_or("npy header without descr")?;
    if header.contains("'fortran_order': True") {
        return Err("Fortran-ordered arrays are not supported".into());
    }
    let shape_start = header.find("'shape':").ok_or("npy header without shape")? + 8;
    let open = header[shape_start..].find('(').ok_or("bad shape")? + shape_start;
    let close = header[open..].find(')').ok_or("bad shape")? + open;
    let shape = header[open + 1..close]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|_| format!("bad dimension {s:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let item = match descr.as_str() {
        "<f4" => 4,
        "<f8" => 8,
        "|u1" | "|i1" | "<u1" | "<i1" => 1,
        other => return Err(format!("unsupported dtype {other}")),
    };
    let descr = if item == 1 { descr.replace('|', "<") } else { descr };
    let count: usize = shape.iter().product();
    let mut data = vec![0u8; count * item];
    r.read_exact(&mut data).map_err(io)?;
    Ok(NpyArray { descr, shape, data })
}

fn quoted_value(header: &str, key: &str) -> Option<String> {
    let at = header.find(&format!("'{key}':"))? + key.len() + 3;
    let rest = &header[at..];
    let open = rest.find('\'')? + 1;
    let close = rest[open..].find('\'')? + open;
    Some(rest[open..close].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
        let header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}\n");
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    /// A stored (method 0) zip with the given members, written by hand.
    fn zip(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, body) in members {
            let offset = out.len() as u32;
            out.extend_from_slice(&[0x50, 0x4b, 0x03, 0x04]);
            out.extend_from_slice(&[0u8; 22]);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(body);
            let mut entry = vec![0x50, 0x4b, 0x01, 0x02];
            entry.extend_from_slice(&[0u8; 24]);
            entry.extend_from_slice(&(name.len() as u16).to_le_bytes());
            entry.extend_from_slice(&[0u8; 12]);
            entry.extend_from_slice(&offset.to_le_bytes());
            entry.extend_from_slice(name.as_bytes());
            central.extend(entry);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn reads_stored_members_of_each_dtype() {
        let floats: Vec<u8> = [1.5f32, -2.0, 0.25, 8.0].iter().flat_map(|f| f.to_le_bytes()).collect();
        let archive = zip(&[
            ("w.npy", npy("<f4", "(2, 2)", &floats)),
            ("eps.npy", npy("<f8", "()", &1e-12f64.to_le_bytes())),
            ("q.npy", npy("|u1", "(3,)", &[1, 2, 3])),
        ]);
        let arrays = read_npz(&archive).unwrap();
        assert_eq!(arrays["w"].to_f32(&[2, 2]).unwrap(), vec![1.5, -2.0, 0.25, 8.0]);
        assert_eq!(arrays["eps"].scalar_f64().unwrap(), 1e-12);
        assert_eq!(arrays["q"].data, vec![1, 2, 3]);
        assert!(arrays["w"].to_f32(&[4]).is_err());
    }

    #[test]
    fn rejects_what_is_not_a_zip() {
        assert!(read_npz(b"not a zip at all, not even close to one").is_err());
        assert!(read_npz(b"").is_err());
    }
}
