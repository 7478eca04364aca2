//! Conditions: a small expression language over answers.
//!
//! ```text
//! married and children >= 3
//! status in ["employed", "self_employed"] or not has_income
//! benefits contains "large_family"
//! birth_date < 2020-07-15
//! ```
//!
//! Evaluation is three-valued (true / false / unknown, Kleene's logic): an unanswered
//! question is unknown, so the engine can reason about a profile that is only partly
//! answered: `false and <unknown>` is already false, `true or <unknown>` already true.

use crate::model::{Question, QuestionKind};
use crate::value::{parse_yes_no, Value};
use crate::Date;
use std::fmt;

mod clauses;
pub use clauses::{from_clauses, problems, to_clauses, Clause, ClauseOp, QuestionList};

/// A truth value that may not be known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tri {
    False,
    True,
    Unknown,
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
    pub fn is_known(self) -> bool {
        self != Tri::Unknown
    }
    pub fn negate(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

/// A constant in a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Date(Date),
    Bool(bool),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Str(s) => write!(f, "{s:?}"),
            Literal::Num(n) => write!(f, "{n}"),
            Literal::Date(d) => write!(f, "{d}"),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// A condition. `Q` names a question: its id with a position while parsing,
/// its index in the catalog once compiled.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr<Q> {
    Const(bool),
    /// A yes/no question on its own: `married`.
    Truthy(Q),
    Cmp(Q, CmpOp, Literal),
    In(Q, Vec<Literal>),
    Contains(Q, Literal),
    Not(Box<Expr<Q>>),
    And(Vec<Expr<Q>>),
    Or(Vec<Expr<Q>>),
}

impl<Q> Expr<Q> {
    /// Calls `f` on every question the condition names, left to right, repeats included.
    pub fn for_each_question<'a>(&'a self, f: &mut dyn FnMut(&'a Q)) {
        match self {
            Expr::Const(_) => {}
            Expr::Truthy(q) | Expr::Cmp(q, _, _) | Expr::In(q, _) | Expr::Contains(q, _) => f(q),
            Expr::Not(e) => e.for_each_question(f),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.for_each_question(f)),
        }
    }
}

/// A question as written: its id, where it stands (1-based column), and where the
/// values it is compared with stand, so that an error can point at the bad value.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub column: usize,
    pub value_columns: Vec<usize>,
}

/// An error in a condition, with the 1-based column (in characters) it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionError {
    pub column: usize,
    /// The Russian text, the default.
    pub message: String,
    /// The English text.
    pub message_en: String,
}

impl ConditionError {
    pub fn new(column: usize, ru: impl Into<String>, en: impl Into<String>) -> ConditionError {
        ConditionError { column, message: ru.into(), message_en: en.into() }
    }
}

impl fmt::Display for ConditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "позиция {}: {}", self.column, self.message)
    }
}

impl std::error::Error for ConditionError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Date(Date),
    And,
    Or,
    Not,
    In,
    Contains,
    True,
    False,
    Op(CmpOp),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    End,
}

fn describe_ru(t: &Tok) -> String {
    match t {
        Tok::Str(s) => format!("текст {s:?}"),
        Tok::Num(n) => format!("число {n}"),
        Tok::Date(d) => format!("дата {d}"),
        Tok::End => "конец условия".into(),
        other => describe(other),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Str(s) => format!("the text {s:?}"),
        Tok::Num(n) => format!("the number {n}"),
        Tok::Date(d) => format!("the date {d}"),
        Tok::And => "`and`".into(),
        Tok::Or => "`or`".into(),
        Tok::Not => "`not`".into(),
        Tok::In => "`in`".into(),
        Tok::Contains => "`contains`".into(),
        Tok::True => "`true`".into(),
        Tok::False => "`false`".into(),
        Tok::Op(op) => format!("`{}`", op.symbol()),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::LBracket => "`[`".into(),
        Tok::RBracket => "`]`".into(),
        Tok::Comma => "`,`".into(),
        Tok::End => "the end of the condition".into(),
    }
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ConditionError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |col: usize, ru: String, en: String| ConditionError::new(col + 1, ru, en);
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match c {
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            '[' => {
                i += 1;
                Tok::LBracket
            }
            ']' => {
                i += 1;
                Tok::RBracket
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            '=' | '!' | '<' | '>' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', Some('=')) => (CmpOp::Eq, 2),
                    ('=', _) => (CmpOp::Eq, 1),
                    ('!', Some('=')) => (CmpOp::Ne, 2),
                    ('<', Some('=')) => (CmpOp::Le, 2),
                    ('>', Some('=')) => (CmpOp::Ge, 2),
                    ('<', _) => (CmpOp::Lt, 1),
                    ('>', _) => (CmpOp::Gt, 1),
                    _ => {
                        return Err(err(
                            start,
                            "после `!` должно идти `=`; чтобы написать «не», пишите `not`".into(),
                            "`!` must be followed by `=`; to negate, write `not`".into(),
                        ))
                    }
                };
                i += len;
                Tok::Op(op)
            }
            '"' | '\'' | '«' => {
                let close = if c == '«' { '»' } else { c };
                i += 1;
                let mut s = String::new();
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(err(
                                start,
                                "текст не закрыт: добавьте закрывающую кавычку".into(),
                                "this text is not closed: add the closing quote".into(),
                            ))
                        }
                        Some(&ch) if ch == close => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                Tok::Str(s)
            }
            c if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) => {
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '-') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if word.len() == 10 && word.as_bytes()[4] == b'-' && !word.starts_with('-') {
                    Tok::Date(Date::parse(&word).map_err(|m| err(start, format!("неверная дата: {m}"), m))?)
                } else {
                    match word.parse::<f64>() {
                        Ok(n) if n.is_finite() => Tok::Num(n),
                        _ => {
                            return Err(err(
                                start,
                                format!("`{word}` — не число и не дата ГГГГ-ММ-ДД"),
                                format!("`{word}` is neither a number nor a date YYYY-MM-DD"),
                            ))
                        }
                    }
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match word.as_str() {
                    "and" | "и" => Tok::And,
                    "or" | "или" => Tok::Or,
                    "not" | "не" => Tok::Not,
                    "in" => Tok::In,
                    "contains" => Tok::Contains,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Ident(word),
                }
            }
            '&' | '|' => {
                return Err(err(
                    start,
                    format!("`{c}` в условиях не используется: пишите `and` (и) или `or` (или)"),
                    format!("`{c}` is not part of the language: write `and` or `or`"),
                ))
            }
            other => {
                return Err(err(start, format!("непонятный знак `{other}`"), format!("unexpected character `{other}`")))
            }
        };
        out.push((tok, start + 1));
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }
    fn column(&self) -> usize {
        self.toks[self.pos].1
    }
    fn bump(&mut self) -> (Tok, usize) {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn error<T>(&self, ru: String, en: String) -> Result<T, ConditionError> {
        Err(ConditionError::new(self.column(), ru, en))
    }

    fn or(&mut self) -> Result<Expr<Ident>, ConditionError> {
        let mut items = vec![self.and()?];
        while *self.peek() == Tok::Or {
            self.bump();
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Expr::Const(true)) } else { Expr::Or(items) })
    }

    fn and(&mut self) -> Result<Expr<Ident>, ConditionError> {
        let mut items = vec![self.not()?];
        while *self.peek() == Tok::And {
            self.bump();
            items.push(self.not()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Expr::Const(true)) } else { Expr::And(items) })
    }

    fn not(&mut self) -> Result<Expr<Ident>, ConditionError> {
        if *self.peek() == Tok::Not {
            self.bump();
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.error(
                    "в условии слишком много вложенных скобок или `not`".into(),
                    "the condition is nested too deeply".into(),
                );
            }
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn literal(&mut self) -> Result<Literal, ConditionError> {
        match self.bump() {
            (Tok::Str(s), _) => Ok(Literal::Str(s)),
            (Tok::Num(n), _) => Ok(Literal::Num(n)),
            (Tok::Date(d), _) => Ok(Literal::Date(d)),
            (Tok::True, _) => Ok(Literal::Bool(true)),
            (Tok::False, _) => Ok(Literal::Bool(false)),
            (Tok::Ident(word), col) => Err(ConditionError::new(
                col,
                format!(
                    "здесь нужно значение, а написано `{word}`: текст берётся в кавычки, \"{word}\", и вопрос сравнивается со значением, а не с другим вопросом"
                ),
                format!(
                    "expected a value here but found `{word}`: put texts in quotes, \"{word}\", and compare a question with a value, not with another question"
                ),
            )),
            (t, col) => Err(ConditionError::new(
                col,
                format!("здесь нужно значение (\"текст\", число или дата), а написано: {}", describe_ru(&t)),
                format!("expected a value (\"text\", number or date) but found {}", describe(&t)),
            )),
        }
    }

    fn primary(&mut self) -> Result<Expr<Ident>, ConditionError> {
        match self.bump() {
            (Tok::LParen, _) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return self.error(
                        "в условии слишком много вложенных скобок или `not`".into(),
                        "the condition is nested too deeply".into(),
                    );
                }
                let inner = self.or()?;
                self.depth -= 1;
                if *self.peek() != Tok::RParen {
                    return self.error(
                        format!("здесь нужна `)`, а написано: {}", describe_ru(self.peek())),
                        format!("expected `)` but found {}", describe(self.peek())),
                    );
                }
                self.bump();
                Ok(inner)
            }
            (Tok::True, _) => Ok(Expr::Const(true)),
            (Tok::False, _) => Ok(Expr::Const(false)),
            (Tok::Ident(name), column) => {
                let mut q = Ident { name, column, value_columns: Vec::new() };
                match self.peek().clone() {
                    Tok::Op(op) => {
                        self.bump();
                        q.value_columns.push(self.column());
                        Ok(Expr::Cmp(q, op, self.literal()?))
                    }
                    Tok::In => {
                        self.bump();
                        if *self.peek() != Tok::LBracket {
                            return self.error(
                                format!("после `in` список начинается с `[`, а написано: {}", describe_ru(self.peek())),
                                format!(
                                    "expected `[` to start the list after `in` but found {}",
                                    describe(self.peek())
                                ),
                            );
                        }
                        self.bump();
                        let mut items = Vec::new();
                        loop {
                            if *self.peek() == Tok::RBracket && items.is_empty() {
                                return self
                                    .error("список после `in` пуст".into(), "the list after `in` is empty".into());
                            }
                            q.value_columns.push(self.column());
                            items.push(self.literal()?);
                            match self.bump() {
                                (Tok::Comma, _) => continue,
                                (Tok::RBracket, _) => break,
                                (t, col) => {
                                    return Err(ConditionError::new(
                                        col,
                                        format!("здесь нужна `,` или `]`, а написано: {}", describe_ru(&t)),
                                        format!("expected `,` or `]` but found {}", describe(&t)),
                                    ))
                                }
                            }
                        }
                        Ok(Expr::In(q, items))
                    }
                    Tok::Contains => {
                        self.bump();
                        q.value_columns.push(self.column());
                        Ok(Expr::Contains(q, self.literal()?))
                    }
                    _ => Ok(Expr::Truthy(q)),
                }
            }
            (t, col) => Err(ConditionError::new(
                col,
                format!("здесь нужен вопрос, `not` или `(`, а написано: {}", describe_ru(&t)),
                format!("expected a question, `not` or `(` but found {}", describe(&t)),
            )),
        }
    }
}

/// Parses a condition. Every error carries the column it points at.
pub fn parse(src: &str) -> Result<Expr<Ident>, ConditionError> {
    if src.trim().is_empty() {
        return Err(ConditionError::new(
            1,
            "условие пустое: если оно выполняется всегда, не заполняйте поле",
            "the condition is empty: leave the field out if it always applies",
        ));
    }
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, depth: 0 };
    let e = p.or()?;
    if *p.peek() != Tok::End {
        let (hint_ru, hint) = match p.peek() {
            Tok::Ident(_) => {
                (": соединяйте условия словами `and` (и) или `or` (или)", ": join conditions with `and` or `or`")
            }
            Tok::RParen => (": для неё нет открывающей `(`", ": there is no `(` to close"),
            _ => ("", ""),
        };
        return p.error(
            format!("лишнее: {}{hint_ru}", describe_ru(p.peek())),
            format!("unexpected {}{hint}", describe(p.peek())),
        );
    }
    Ok(e)
}

/// Looks a question up by id while compiling a condition.
pub trait QuestionLookup {
    fn find(&self, id: &str) -> Option<(usize, &Question)>;
    fn suggest(&self, id: &str) -> Option<String>;
}

/// Resolves question ids to indices and checks that every comparison fits the
/// question's kind (and that options exist).
pub fn compile(expr: &Expr<Ident>, lookup: &dyn QuestionLookup) -> Result<Expr<usize>, ConditionError> {
    let question = |q: &Ident| -> Result<(usize, &Question), ConditionError> {
        lookup.find(&q.name).ok_or_else(|| {
            let suggestion = lookup.suggest(&q.name);
            let hint = suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            let hint_ru = suggestion.as_ref().map(|s| format!(" (может быть, `{s}`?)")).unwrap_or_default();
            ConditionError::new(
                q.column,
                format!("нет такого вопроса `{}`{hint_ru}", q.name),
                format!("unknown question `{}`{hint}", q.name),
            )
        })
    };
    let at = |q: &Ident, ru: String, en: String| ConditionError::new(q.column, ru, en);
    let at_value = |q: &Ident, i: usize, ru: String, en: String| {
        ConditionError::new(q.value_columns.get(i).copied().unwrap_or(q.column), ru, en)
    };
    let option = |q: &Ident, i: usize, question: &Question, lit: &Literal| -> Result<Literal, ConditionError> {
        match lit {
            Literal::Str(s) if question.options.iter().any(|o| &o.id == s) => Ok(lit.clone()),
            Literal::Str(s) => Err(at_value(
                q,
                i,
                format!(
                    "у вопроса `{}` нет варианта ответа \"{s}\"; его варианты: {}",
                    question.id,
                    question.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
                format!(
                    "question `{}` has no option \"{s}\"; its options are: {}",
                    question.id,
                    question.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )),
            other => Err(at_value(
                q,
                i,
                format!("вопрос `{}` сравнивается с кодами вариантов ответа в кавычках, а не с {other}", question.id),
                format!("question `{}` is compared with option ids in quotes, not {other}", question.id),
            )),
        }
    };
    Ok(match expr {
        Expr::Const(b) => Expr::Const(*b),
        Expr::Not(e) => Expr::Not(Box::new(compile(e, lookup)?)),
        Expr::And(v) => Expr::And(v.iter().map(|e| compile(e, lookup)).collect::<Result<_, _>>()?),
        Expr::Or(v) => Expr::Or(v.iter().map(|e| compile(e, lookup)).collect::<Result<_, _>>()?),
        Expr::Truthy(q) => {
            let (i, question) = question(q)?;
            if question.kind != QuestionKind::YesNo {
                return Err(at(
                    q,
                    format!(
                        "`{}` — не вопрос «да/нет»: сравните его со значением, например `{} == ...`",
                        q.name, q.name
                    ),
                    format!(
                        "`{}` is not a yes/no question: compare it with a value, for example `{} == ...`",
                        q.name, q.name
                    ),
                ));
            }
            Expr::Truthy(i)
        }
        Expr::Cmp(q, op, lit) => {
            let (i, question) = question(q)?;
            let lit = match question.kind {
                QuestionKind::YesNo => {
                    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                        return Err(at(
                            q,
                            format!("вопрос «да/нет» `{}` проверяется только через == или !=", q.name),
                            format!("yes/no question `{}` can only be tested with == or !=", q.name),
                        ));
                    }
                    let b = match lit {
                        Literal::Bool(b) => *b,
                        Literal::Str(s) => parse_yes_no(s).ok_or_else(|| {
                            at(
                                q,
                                format!(
                                    "вопрос «да/нет» `{}` сравнивается с \"yes\" или \"no\", а не с \"{s}\"",
                                    q.name
                                ),
                                format!("yes/no question `{}` is compared with \"yes\" or \"no\", not \"{s}\"", q.name),
                            )
                        })?,
                        other => {
                            return Err(at(
                                q,
                                format!(
                                    "вопрос «да/нет» `{}` сравнивается с \"yes\" или \"no\", а не с {other}",
                                    q.name
                                ),
                                format!("yes/no question `{}` is compared with \"yes\" or \"no\", not {other}", q.name),
                            ))
                        }
                    };
                    Literal::Bool(b)
                }
                QuestionKind::Single => {
                    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                        return Err(at(
                            q,
                            format!("вопрос с выбором `{}` проверяется только через ==, != или in [...]", q.name),
                            format!("choice question `{}` can only be tested with ==, != or in [...]", q.name),
                        ));
                    }
                    option(q, 0, question, lit)?
                }
                QuestionKind::Multiple => {
                    return Err(at(
                        q,
                        format!(
                            "в `{}` можно выбрать несколько вариантов: проверяйте так: `{} contains \"вариант\"`",
                            q.name, q.name
                        ),
                        format!("`{}` allows several options: test it with `{} contains \"option\"`", q.name, q.name),
                    ))
                }
                QuestionKind::Number => match lit {
                    Literal::Num(_) => lit.clone(),
                    other => {
                        return Err(at(
                            q,
                            format!("числовой вопрос `{}` сравнивается с числом, а не с {other}", q.name),
                            format!("number question `{}` is compared with a number, not {other}", q.name),
                        ))
                    }
                },
                QuestionKind::Date => match lit {
                    Literal::Date(_) => lit.clone(),
                    other => {
                        return Err(at(
                            q,
                            format!("вопрос с датой `{}` сравнивается с датой ГГГГ-ММ-ДД, а не с {other}", q.name),
                            format!("date question `{}` is compared with a date YYYY-MM-DD, not {other}", q.name),
                        ))
                    }
                },
            };
            Expr::Cmp(i, *op, lit)
        }
        Expr::In(q, items) => {
            let (i, question) = question(q)?;
            let items = match question.kind {
                QuestionKind::Single => {
                    items.iter().enumerate().map(|(n, l)| option(q, n, question, l)).collect::<Result<_, _>>()?
                }
                QuestionKind::Number => {
                    if let Some(bad) = items.iter().find(|l| !matches!(l, Literal::Num(_))) {
                        return Err(at(
                            q,
                            format!("числовой вопрос `{}` сравнивается с числами, а не с {bad}", q.name),
                            format!("number question `{}` is compared with numbers, not {bad}", q.name),
                        ));
                    }
                    items.clone()
                }
                _ => {
                    return Err(at(
                        q,
                        format!("`in [...]` работает с вопросами с выбором и числовыми; `{}` не из них", q.name),
                        format!("`in [...]` works with choice and number questions; `{}` is neither", q.name),
                    ))
                }
            };
            Expr::In(i, items)
        }
        Expr::Contains(q, lit) => {
            let (i, question) = question(q)?;
            if question.kind != QuestionKind::Multiple {
                return Err(at(
                    q,
                    format!(
                        "`contains` работает с вопросами, где можно выбрать несколько вариантов; `{}` не такой",
                        q.name
                    ),
                    format!("`contains` works with multiple-choice questions; `{}` is not one", q.name),
                ));
            }
            Expr::Contains(i, option(q, 0, question, lit)?)
        }
    })
}

fn compare(value: &Value, op: CmpOp, lit: &Literal) -> Tri {
    match (value, lit) {
        (Value::Bool(a), Literal::Bool(b)) => Tri::from_bool(op.holds(a.cmp(b))),
        (Value::Choice(a), Literal::Str(b)) => Tri::from_bool(op.holds(a.as_str().cmp(b.as_str()))),
        (Value::Number(a), Literal::Num(b)) => match a.partial_cmp(b) {
            Some(ord) => Tri::from_bool(op.holds(ord)),
            None => Tri::Unknown,
        },
        (Value::Date(a), Literal::Date(b)) => Tri::from_bool(op.holds(a.cmp(b))),
        // A stored answer of the wrong kind (an old saved profile, say) tells nothing.
        _ => Tri::Unknown,
    }
}

impl Expr<usize> {
    /// Evaluates with three-valued logic; `answer(q)` gives the answer to question `q`, if any.
    pub fn eval<'v>(&self, answer: &impl Fn(usize) -> Option<&'v Value>) -> Tri {
        match self {
            Expr::Const(b) => Tri::from_bool(*b),
            Expr::Truthy(q) => match answer(*q) {
                Some(Value::Bool(b)) => Tri::from_bool(*b),
                _ => Tri::Unknown,
            },
            Expr::Cmp(q, op, lit) => answer(*q).map_or(Tri::Unknown, |v| compare(v, *op, lit)),
            Expr::In(q, items) => match answer(*q) {
                None => Tri::Unknown,
                Some(v) => {
                    let mut result = Tri::False;
                    for lit in items {
                        match compare(v, CmpOp::Eq, lit) {
                            Tri::True => return Tri::True,
                            Tri::Unknown => result = Tri::Unknown,
                            Tri::False => {}
                        }
                    }
                    result
                }
            },
            Expr::Contains(q, lit) => match (answer(*q), lit) {
                (Some(Value::Set(set)), Literal::Str(s)) => Tri::from_bool(set.iter().any(|x| x == s)),
                _ => Tri::Unknown,
            },
            Expr::Not(e) => e.eval(answer).negate(),
            Expr::And(items) => {
                let mut result = Tri::True;
                for e in items {
                    match e.eval(answer) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                result
            }
            Expr::Or(items) => {
                let mut result = Tri::False;
                for e in items {
                    match e.eval(answer) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                result
            }
        }
    }

    /// The questions the condition refers to, sorted and without repeats.
    pub fn questions(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_questions(&mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn collect_questions(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Const(_) => {}
            Expr::Truthy(q) | Expr::Cmp(q, _, _) | Expr::In(q, _) | Expr::Contains(q, _) => out.push(*q),
            Expr::Not(e) => e.collect_questions(out),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.collect_questions(out)),
        }
    }

    /// Every constant the condition compares question `q` with (to pick representative answers).
    pub fn literals_for(&self, q: usize, out: &mut Vec<Literal>) {
        match self {
            Expr::Cmp(x, _, lit) | Expr::Contains(x, lit) if *x == q => out.push(lit.clone()),
            Expr::In(x, items) if *x == q => out.extend(items.iter().cloned()),
            Expr::Not(e) => e.literals_for(q, out),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.literals_for(q, out)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;
    use crate::Text;

    struct Qs(Vec<Question>);
    impl QuestionLookup for Qs {
        fn find(&self, id: &str) -> Option<(usize, &Question)> {
            self.0.iter().enumerate().find(|(_, q)| q.id == id)
        }
        fn suggest(&self, id: &str) -> Option<String> {
            crate::diagnostic::closest(id, self.0.iter().map(|q| q.id.as_str()))
        }
    }

    fn q(id: &str, kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            id: id.into(),
            kind,
            text: Text::ru(id),
            help: None,
            options: options.iter().map(|o| Choice { id: o.to_string(), text: Text::ru(*o) }).collect(),
            min: None,
            max: None,
            unit: None,
            when: None,
        }
    }

    fn qs() -> Qs {
        Qs(vec![
            q("married", QuestionKind::YesNo, &[]),
            q("children", QuestionKind::Number, &[]),
            q("status", QuestionKind::Single, &["employed", "student", "retired"]),
            q("benefits", QuestionKind::Multiple, &["large_family", "disability"]),
            q("birth_date", QuestionKind::Date, &[]),
        ])
    }

    fn c(src: &str) -> Expr<usize> {
        compile(&parse(src).unwrap_or_else(|e| panic!("{src}: {e}")), &qs()).unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    fn err(src: &str) -> ConditionError {
        match parse(src) {
            Err(e) => e,
            Ok(e) => compile(&e, &qs()).expect_err(src),
        }
    }

    fn eval(e: &Expr<usize>, answers: &[(usize, Value)]) -> Tri {
        e.eval(&|q| answers.iter().find(|(i, _)| *i == q).map(|(_, v)| v))
    }

    #[test]
    fn precedence_not_binds_tighter_than_and_than_or() {
        let e = c("not married and children >= 3 or status == \"retired\"");
        match e {
            Expr::Or(items) => {
                assert!(matches!(&items[0], Expr::And(a) if matches!(a[0], Expr::Not(_))));
                assert!(matches!(items[1], Expr::Cmp(2, CmpOp::Eq, _)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn three_valued_logic() {
        let e = c("married == \"yes\" and children >= 3");
        assert_eq!(eval(&e, &[]), Tri::Unknown);
        assert_eq!(eval(&e, &[(0, Value::Bool(false))]), Tri::False);
        assert_eq!(eval(&e, &[(0, Value::Bool(true))]), Tri::Unknown);
        assert_eq!(eval(&e, &[(0, Value::Bool(true)), (1, Value::Number(3.0))]), Tri::True);
        assert_eq!(eval(&e, &[(0, Value::Bool(true)), (1, Value::Number(2.0))]), Tri::False);
        let o = c("married or children > 2");
        assert_eq!(eval(&o, &[(1, Value::Number(5.0))]), Tri::True);
        assert_eq!(eval(&o, &[(1, Value::Number(1.0))]), Tri::Unknown);
        assert_eq!(eval(&c("not married"), &[]), Tri::Unknown);
    }

    #[test]
    fn choices_sets_and_dates() {
        let e = c("status in [\"employed\", \"student\"]");
        assert_eq!(eval(&e, &[(2, Value::Choice("student".into()))]), Tri::True);
        assert_eq!(eval(&e, &[(2, Value::Choice("retired".into()))]), Tri::False);
        let s = c("benefits contains \"disability\"");
        assert_eq!(eval(&s, &[(3, Value::Set(vec!["disability".into()]))]), Tri::True);
        assert_eq!(eval(&s, &[(3, Value::Set(vec![]))]), Tri::False);
        let d = c("birth_date < 2020-07-15");
        assert_eq!(eval(&d, &[(4, Value::Date(Date::parse("2019-01-01").unwrap()))]), Tri::True);
        assert_eq!(eval(&d, &[(4, Value::Date(Date::parse("2020-07-15").unwrap()))]), Tri::False);
        assert_eq!(eval(&c("married = 'нет'"), &[(0, Value::Bool(false))]), Tri::True);
    }

    #[test]
    fn parse_errors_carry_positions() {
        let cases = [
            ("married and", 12, "expected a question"),
            ("(married", 9, "expected `)`"),
            ("married children", 9, "join conditions"),
            ("status == employed", 11, "put texts in quotes"),
            ("status == \"employed", 11, "not closed"),
            ("married && children", 9, "write `and`"),
            ("married ! children", 9, "`!` must be followed"),
            ("", 1, "empty"),
            ("children >= 3)", 14, "no `(`"),
            ("status in []", 12, "empty"),
            ("status in \"a\"", 11, "expected `[`"),
            ("birth_date < 2020-13-01", 14, "not a real calendar date"),
            ("children > 1.2.3", 12, "neither a number"),
            ("married # x", 9, "unexpected character"),
        ];
        for (src, column, needle) in cases {
            let e = err(src);
            assert_eq!(e.column, column, "{src}: {e:?}");
            assert!(e.message_en.contains(needle), "{src}: {e:?}");
        }
    }

    #[test]
    fn type_errors_carry_positions() {
        let cases = [
            ("marryed", 1, "did you mean `married`"),
            ("children and married", 1, "not a yes/no question"),
            ("married and status == \"unemployed\"", 23, "no option \"unemployed\""),
            ("status in [\"student\", \"pilot\"]", 23, "no option \"pilot\""),
            ("benefits == \"disability\"", 1, "contains"),
            ("status contains \"student\"", 1, "multiple-choice"),
            ("children > \"3\"", 1, "compared with a number"),
            ("birth_date > 3", 1, "date YYYY-MM-DD"),
            ("married > \"yes\"", 1, "== or !="),
            ("married == \"maybe\"", 1, "\"yes\" or \"no\""),
            ("married in [\"yes\"]", 1, "neither"),
        ];
        for (src, column, needle) in cases {
            let e = err(src);
            assert_eq!(e.column, column, "{src}: {e:?}");
            assert!(e.message_en.contains(needle), "{src}: {e:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let src = format!("{}married{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&src).unwrap_err().message_en.contains("nested too deeply"));
        let src = format!("{}married", "not ".repeat(10_000));
        assert!(parse(&src).unwrap_err().message_en.contains("nested too deeply"));
    }

    #[test]
    fn questions_are_collected_once() {
        assert_eq!(c("married and (married or children > 1)").questions(), vec![0, 1]);
    }
}
