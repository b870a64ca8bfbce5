//! Review photos are told by their bytes (never by a name or a declared type) and bounded by
//! their decoded size, read from the header without decoding: a 20,000 × 20,000 PNG is a few
//! kilobytes on the wire and 1.6 GB in a shopper's browser.

/// Longest side accepted, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// Most pixels accepted (50 MP: what phone cameras write at most).
pub const MAX_PIXELS: u64 = 50_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }

    /// Width and height from the image's header; `None` when the header cannot be read.
    pub fn dimensions(self, b: &[u8]) -> Option<(u32, u32)> {
        match self {
            ImageKind::Png => (b.len() >= 24 && &b[12..16] == b"IHDR").then(|| (be32(&b[16..20]), be32(&b[20..24]))),
            ImageKind::Jpeg => jpeg_dimensions(b),
            ImageKind::Webp => webp_dimensions(b),
        }
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be16(b: &[u8]) -> u32 {
    u16::from_be_bytes([b[0], b[1]]) as u32
}

fn le16(b: &[u8]) -> u32 {
    u16::from_le_bytes([b[0], b[1]]) as u32
}

fn le24(b: &[u8]) -> u32 {
    b[0] as u32 | (b[1] as u32) << 8 | (b[2] as u32) << 16
}

/// Walks the JPEG's segments to the first start-of-frame marker.
fn jpeg_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        match marker {
            0xFF => i += 1, // fill byte
            0xD0..=0xD9 | 0x01 => i += 2,
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC)
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let seg = b.get(i + 4..i + 9)?;
                return Some((be16(&seg[3..5]), be16(&seg[1..3])));
            }
            _ => i += 2 + be16(b.get(i + 2..i + 4)?) as usize,
        }
    }
    None
}

fn webp_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let chunk = b.get(12..16)?;
    match chunk {
        b"VP8 " => {
            let d = b.get(20..30)?;
            (d[3..6] == [0x9D, 0x01, 0x2A]).then(|| (le16(&d[6..8]) & 0x3FFF, le16(&d[8..10]) & 0x3FFF))
        }
        b"VP8L" => {
            let d = b.get(20..25)?;
            if d[0] != 0x2F {
                return None;
            }
            let bits = u32::from_le_bytes([d[1], d[2], d[3], d[4]]);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8X" => {
            let d = b.get(24..30)?;
            Some((le24(&d[0..3]) + 1, le24(&d[3..6]) + 1))
        }
        _ => None,
    }
}

/// Whether a photo of this size may be shown to shoppers.
pub fn fits(width: u32, height: u32) -> bool {
    width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE && width as u64 * height as u64 <= MAX_PIXELS
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A PNG header claiming the given size (what the server reads; the pixels never are).
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn images_are_told_by_their_bytes() {
        assert_eq!(ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageKind::Png));
        assert_eq!(ImageKind::sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(ImageKind::sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(ImageKind::sniff(b"GIF89a"), None);
    }

    #[test]
    fn sizes_come_from_the_headers() {
        assert_eq!(ImageKind::Png.dimensions(&png(640, 480)), Some((640, 480)));
        // JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 400.
        let jpeg =
            [&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46][..], &[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0x90, 0x03]].concat();
        assert_eq!(ImageKind::Jpeg.dimensions(&jpeg), Some((400, 300)));
        // WebP lossy, lossless and extended.
        let mut vp8 = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0".to_vec();
        vp8.extend([0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01]);
        assert_eq!(ImageKind::Webp.dimensions(&vp8), Some((640, 480)));
        let mut vp8l = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0".to_vec();
        vp8l.push(0x2F);
        vp8l.extend(((99u32) | (49u32 << 14)).to_le_bytes());
        assert_eq!(ImageKind::Webp.dimensions(&vp8l), Some((100, 50)));
        let mut vp8x = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        vp8x.extend([0x1F, 0x4E, 0x00, 0x1F, 0x4E, 0x00]); // 19999 + 1 each way
        assert_eq!(ImageKind::Webp.dimensions(&vp8x), Some((20_000, 20_000)));
        assert_eq!(ImageKind::Jpeg.dimensions(&[0xFF, 0xD8, 0xFF]), None);
    }

    #[test]
    fn decoded_size_is_bounded() {
        assert!(fits(4000, 3000) && fits(8000, 6000));
        assert!(!fits(20_000, 20_000) && !fits(10_001, 10) && !fits(0, 10) && !fits(9000, 9000));
    }
}
