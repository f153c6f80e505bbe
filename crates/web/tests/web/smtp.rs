//! A small SMTP server of our own, on 127.0.0.1, that accepts every message and keeps it, so
//! tests can read what Hearth sent through a real SMTP conversation.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The message as a person reads it: folded headers unfolded, quoted-printable decoded.
    pub fn text(&self) -> String {
        let unfolded = self.data.replace("\n ", " ").replace("=\n", "");
        let bytes = unfolded.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'=', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn subject(&self) -> String {
        self.text().lines().find_map(|l| l.strip_prefix("Subject: ").map(str::to_owned)).unwrap_or_default()
    }
}

pub struct SmtpReceiver {
    pub url: String,
    pub messages: Arc<Mutex<Vec<Received>>>,
}

impl SmtpReceiver {
    pub async fn start() -> SmtpReceiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 test.smtp ready\r\n").await.unwrap();
                    let mut to = Vec::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        let command = line.to_ascii_uppercase();
                        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                            b"250-test.smtp\r\n250 8BITMIME\r\n"
                        } else if command.starts_with("MAIL FROM") {
                            to.clear();
                            b"250 OK\r\n"
                        } else if command.starts_with("RCPT TO") {
                            to.push(line[8..].trim().trim_matches(|c| c == '<' || c == '>' || c == ':').to_owned());
                            b"250 OK\r\n"
                        } else if command.starts_with("DATA") {
                            write.write_all(b"354 go ahead\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(body)) = lines.next_line().await {
                                if body == "." {
                                    break;
                                }
                                data.push_str(&body);
                                data.push('\n');
                            }
                            kept.lock().unwrap().push(Received { to: to.clone(), data });
                            b"250 OK queued\r\n"
                        } else if command.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        if write.write_all(reply).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        SmtpReceiver { url, messages }
    }

    pub fn received(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }
}
