//! A catalog folder in and out: a `.zip` or `.tar.gz` of the TOML files (as editors keep
//! them in git), and a `.zip` of a version or the draft with the files under `catalog/`,
//! so that `lifenav check catalog` on the unpacked folder prints what the studio shows.

use lifenav_core::source::SourceFile;
use std::io::{Cursor, Read, Write};

/// Limits against archives that unpack into far more than they weigh.
pub const MAX_FILES: usize = 5000;
pub const MAX_FILE_BYTES: u64 = 1 << 20;
pub const MAX_TOTAL_BYTES: u64 = 32 << 20;

/// Why an archive or one of its files cannot be taken.
#[derive(Debug, PartialEq, Eq)]
pub struct ArchiveError {
    /// The file inside the archive, or "" for the archive itself.
    pub file: String,
    pub message: String,
}

fn fail<T>(file: &str, message: impl Into<String>) -> Result<T, ArchiveError> {
    Err(ArchiveError { file: file.to_string(), message: message.into() })
}

/// Why a path cannot be a catalog file: small Latin letters, digits, `-` and `_`, folders
/// separated by `/`, ending in `.toml`.
pub fn path_problem(path: &str) -> Option<&'static str> {
    let ok = |seg: &str| {
        !seg.is_empty() && seg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    let Some(stem) = path.strip_suffix(".toml") else {
        return Some("имя файла каталога должно кончаться на .toml");
    };
    if path.len() > 200 {
        Some("имя файла длиннее 200 знаков: сократите его")
    } else if stem.split('/').count() > 4 || !stem.split('/').all(ok) {
        Some(
            "в именах папок и файлов допустимы только строчные латинские буквы, цифры, «-» и «_», папки разделяются «/», вложенность — не больше 4",
        )
    } else {
        None
    }
}

fn too_big_file() -> String {
    format!("файл больше {} МБ: разделите его на несколько файлов", MAX_FILE_BYTES >> 20)
}

fn too_many_files() -> String {
    format!("В архиве больше {MAX_FILES} файлов: оставьте в нём только папку каталога и загрузите снова")
}

const BAD_TAR: &str = "Архив .tar.gz повреждён или не читается: упакуйте папку каталога заново";

/// Why a text cannot be a catalog file's content.
pub fn text_problem(text: &str) -> Option<String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        Some(too_big_file())
    } else if text.contains('\0') {
        Some("в тексте есть недопустимый символ (NUL): уберите его".into())
    } else {
        None
    }
}

/// Every `.toml` file of an uploaded archive, by its path in the catalog folder. An
/// archive of a folder (`irkutsk/catalog.toml`, …) loses the folder; other files (README,
/// pictures) are skipped and named in the second list.
pub fn unpack(bytes: &[u8]) -> Result<(Vec<SourceFile>, Vec<String>), ArchiveError> {
    let entries = if bytes.starts_with(b"PK\x03\x04") {
        unzip(bytes)?
    } else if bytes.starts_with(&[0x1f, 0x8b]) {
        untar_gz(bytes)?
    } else {
        return fail("", "Это не архив: загрузите папку каталога, упакованную в .zip или .tar.gz");
    };
    let prefix = common_folder(&entries);
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (name, data) in entries {
        let path = name.strip_prefix(&prefix).unwrap_or(&name).to_string();
        let is_hidden = path.split('/').any(|seg| seg.starts_with('.'));
        if !path.ends_with(".toml") || is_hidden {
            skipped.push(name);
            continue;
        }
        if let Some(problem) = path_problem(&path) {
            return fail(&name, format!("такое имя не годится для файла каталога: {problem}"));
        }
        let text = String::from_utf8(data)
            .or_else(|_| fail(&name, "файл не в кодировке UTF-8: сохраните его как текст UTF-8"))?;
        if let Some(problem) = text_problem(&text) {
            return fail(&name, problem);
        }
        files.push(SourceFile { name: path, text });
    }
    if !files.iter().any(|f| f.name == "catalog.toml") {
        return fail(
            "catalog.toml",
            "в архиве нет главного файла каталога catalog.toml: он должен лежать в самой папке каталога",
        );
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((files, skipped))
}

/// The folder every entry is in, when catalog.toml is not at the top (`irkutsk/`).
fn common_folder(entries: &[(String, Vec<u8>)]) -> String {
    if entries.iter().any(|(n, _)| n == "catalog.toml") {
        return String::new();
    }
    match entries.iter().find(|(n, _)| n.ends_with("/catalog.toml")) {
        Some((n, _)) => n[..n.len() - "catalog.toml".len()].to_string(),
        None => String::new(),
    }
}

fn clean_name(raw: &str) -> Result<Option<String>, ArchiveError> {
    let name = raw.replace('\\', "/");
    let name = name.trim_start_matches("./");
    if name.ends_with('/') || name.is_empty() {
        return Ok(None);
    }
    if name.starts_with('/') || name.split('/').any(|s| s == "..") {
        return fail(raw, "путь в архиве ведёт за пределы папки каталога: упакуйте только саму папку");
    }
    Ok(Some(name.to_string()))
}

fn read_limited(reader: impl Read, name: &str, total: &mut u64) -> Result<Vec<u8>, ArchiveError> {
    let mut data = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .or_else(|_| fail(name, "файл в архиве не читается: упакуйте папку заново"))?;
    if data.len() as u64 > MAX_FILE_BYTES {
        return fail(name, too_big_file());
    }
    *total += data.len() as u64;
    if *total > MAX_TOTAL_BYTES {
        return fail(
            "",
            format!(
                "Распакованный архив больше {} МБ: оставьте в нём только файлы каталога и загрузите снова",
                MAX_TOTAL_BYTES >> 20
            ),
        );
    }
    Ok(data)
}

fn unzip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ArchiveError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .or_else(|_| fail("", "Архив .zip повреждён или не читается: упакуйте папку каталога заново"))?;
    if zip.len() > MAX_FILES {
        return fail("", too_many_files());
    }
    let mut out = Vec::new();
    let mut total = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .or_else(|_| fail("", format!("Файл № {} в архиве не читается: упакуйте папку каталога заново", i + 1)))?;
        let Some(name) = clean_name(entry.name())? else { continue };
        let data = read_limited(entry, &name, &mut total)?;
        out.push((name, data));
    }
    Ok(out)
}

fn untar_gz(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ArchiveError> {
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
    let entries = tar.entries().or_else(|_| fail("", BAD_TAR))?;
    let mut out = Vec::new();
    let mut total = 0;
    for entry in entries {
        let entry = entry.or_else(|_| fail("", BAD_TAR))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let raw = entry.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(name) = clean_name(&raw)? else { continue };
        if out.len() >= MAX_FILES {
            return fail("", too_many_files());
        }
        let data = read_limited(entry, &name, &mut total)?;
        out.push((name, data));
    }
    Ok(out)
}

/// A `.zip` with every file under `catalog/`.
pub fn pack(files: &[SourceFile]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        // Writing into memory cannot fail short of running out of it.
        let _ = zip.start_file(format!("catalog/{}", f.name), options);
        let _ = zip.write_all(f.text.as_bytes());
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.into(), text: text.into() }
    }

    #[test]
    fn a_packed_catalog_unpacks_to_the_same_files() {
        let files = vec![file("catalog.toml", "city = \"Иркутск\"\n"), file("services/a.toml", "id = \"a\"\n")];
        let (back, skipped) = unpack(&pack(&files)).unwrap();
        assert_eq!(
            back.iter().map(|f| (&f.name, &f.text)).collect::<Vec<_>>(),
            files.iter().map(|f| (&f.name, &f.text)).collect::<Vec<_>>()
        );
        assert!(skipped.is_empty());
    }

    #[test]
    fn a_tar_gz_of_a_folder_loses_the_folder_and_skips_other_files() {
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default()));
        for (name, text) in
            [("example/catalog.toml", "x = 1\n"), ("example/README.md", "hi"), ("example/services/b.toml", "y = 2\n")]
        {
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, text.as_bytes()).unwrap();
        }
        let bytes = builder.into_inner().unwrap().finish().unwrap();
        let (files, skipped) = unpack(&bytes).unwrap();
        assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["catalog.toml", "services/b.toml"]);
        assert_eq!(skipped, ["example/README.md"]);
    }

    #[test]
    fn bad_archives_are_named() {
        assert_eq!(unpack(b"hello").unwrap_err().file, "");
        let no_meta = pack(&[file("services/a.toml", "")]);
        assert_eq!(unpack(&no_meta).unwrap_err().file, "catalog.toml");
        let bad_name = pack(&[file("catalog.toml", ""), file("Services/A.toml", "")]);
        assert_eq!(unpack(&bad_name).unwrap_err().file, "catalog/Services/A.toml");
        assert!(path_problem("services/birth-registration.toml").is_none());
        assert!(path_problem("../etc/passwd.toml").is_some());
        assert!(path_problem("services/x.txt").is_some());
    }
}
