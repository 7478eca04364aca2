//! Every interface string of the widget, in Russian and English. Components never
//! write a citizen-facing word themselves; the words of plans (levels, channels,
//! terms) come from `lifenav_core::present`, shared with the CLI.

use lifenav_core::Lang;

/// The first screen's strings (`src/start/`): apart, so that its module carries only these.
#[allow(dead_code)]
pub struct StartStrings {
    pub app_title: &'static str,
    pub loading: &'static str,
    pub app_failed: &'static str,
    pub lang_switch: &'static str,
    pub lang_switch_label: &'static str,
    pub vi_on: &'static str,
    pub my_answers: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_none: &'static str,
    pub search_found: &'static str,
    pub search_service: &'static str,
    pub retry: &'static str,
    pub notice_close: &'static str,
}

pub const START_RU: StartStrings = StartStrings {
    app_title: "Навигатор жизненных ситуаций",
    loading: "Загружаем справочник услуг…",
    app_failed: "Не удалось загрузить навигатор. Проверьте подключение к интернету и попробуйте ещё раз.",
    lang_switch: "English",
    lang_switch_label: "Switch to English",
    vi_on: "Версия для слабовидящих",
    my_answers: "Мои ответы",
    search_label: "Найти ситуацию",
    search_placeholder: "Например: рождение ребёнка, детский сад",
    search_none: "Ничего не нашли. Попробуйте другое слово или выберите из списка ниже.",
    search_found: "Найдено",
    search_service: "Услуга",
    retry: "Попробовать ещё раз",
    notice_close: "Закрыть сообщение",
};

pub const START_EN: StartStrings = StartStrings {
    app_title: "Life situation navigator",
    loading: "Loading the catalog of services…",
    app_failed: "The navigator could not be loaded. Check your internet connection and try again.",
    lang_switch: "Русский",
    lang_switch_label: "Переключить на русский",
    vi_on: "Large print, high contrast",
    my_answers: "My answers",
    search_label: "Find a situation",
    search_placeholder: "For example: birth of a child, kindergarten",
    search_none: "Nothing found. Try another word or pick from the list below.",
    search_found: "Found",
    search_service: "Service",
    retry: "Try again",
    notice_close: "Close the message",
};

/// The first screen's strings in `lang`.
#[allow(dead_code)]
pub fn start(lang: Lang) -> &'static StartStrings {
    match lang {
        Lang::Ru => &START_RU,
        Lang::En => &START_EN,
    }
}

/// The app's strings (`src/main.rs`), with the first screen's (`s.app_title` reads `s.start.app_title`).
#[allow(dead_code)]
pub struct Strings {
    pub start: &'static StartStrings,
    pub situation_unknown: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub choose_one: &'static str,
    pub answer_required: &'static str,
    pub reuse_prompt: &'static str,
    pub reuse_yes: &'static str,
    pub reuse_no: &'static str,
    pub review_title: &'static str,
    pub review_none: &'static str,
    pub change: &'static str,
    pub show_plan: &'static str,
    pub event_date_optional: &'static str,
    pub total_fees: &'static str,
    pub expand_all: &'static str,
    pub collapse_all: &'static str,
    pub provider: &'static str,
    pub step_done: &'static str,
    pub step_done_mark: &'static str,
    pub open_portal: &'static str,
    pub address: &'static str,
    pub hours: &'static str,
    pub phone: &'static str,
    pub site: &'static str,
    pub share: &'static str,
    pub share_copied: &'static str,
    pub share_copy_failed: &'static str,
    pub share_label: &'static str,
    pub share_note: &'static str,
    /// The button that starts a situation that may come next, before its title.
    pub next_start: &'static str,
    pub print: &'static str,
    pub calendar: &'static str,
    pub calendar_none: &'static str,
    pub change_answers: &'static str,
    pub start_over: &'static str,
    pub profile_title: &'static str,
    pub profile_empty: &'static str,
    pub profile_note: &'static str,
    pub reuse_setting: &'static str,
    pub erase: &'static str,
    pub delete_all: &'static str,
    pub deleted: &'static str,
    pub close: &'static str,
    pub saved_reset: &'static str,
    pub saved_trimmed: &'static str,
    pub storage_failed: &'static str,
    pub catalog_failed: &'static str,
    pub catalog_broken: &'static str,
    pub share_failed: &'static str,
    pub share_opened: &'static str,
    pub number_invalid: &'static str,
    pub date_invalid: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub nothing_to_do: &'static str,
    pub rate_title: &'static str,
    pub rate_intro: &'static str,
    pub rate_overall: &'static str,
    pub rate_waiting: &'static str,
    pub rate_politeness: &'static str,
    pub rate_comfort: &'static str,
    pub rate_information: &'static str,
    pub rate_channel: &'static str,
    pub rate_term: &'static str,
    pub rate_term_unknown: &'static str,
    pub rate_comment: &'static str,
    pub rate_comment_note: &'static str,
    pub rate_send: &'static str,
    pub rate_missing: &'static str,
    pub rate_sending: &'static str,
    pub rate_queued: &'static str,
    pub rate_sent: &'static str,
    pub rate_rejected: &'static str,
    pub rate_disabled: &'static str,
    pub to_navigator: &'static str,
    pub score_line: &'static str,
    pub score_of: &'static str,
    pub helpful_q: &'static str,
    pub helpful_comment: &'static str,
    pub helpful_send: &'static str,
    pub scale_1: &'static str,
    pub scale_5: &'static str,
    pub channel_in_person: &'static str,
    pub channel_one_window: &'static str,
    pub channel_mfc: &'static str,
    pub channel_portal: &'static str,
}

pub const RU: Strings = Strings {
    start: &START_RU,
    situation_unknown: "Такой ситуации нет в справочнике услуг",
    back: "Назад",
    next: "Далее",
    choose_one: "Выберите ответ.",
    answer_required: "Ответьте на вопрос, чтобы продолжить.",
    reuse_prompt:
        "Вы уже отвечали на вопросы в другой ситуации. Использовать эти ответы здесь, чтобы не отвечать снова?",
    reuse_yes: "Да, использовать",
    reuse_no: "Нет, отвечу заново",
    review_title: "Проверьте ответы",
    review_none: "Для этой ситуации вопросы не нужны.",
    change: "Изменить",
    show_plan: "Показать план",
    event_date_optional: "необязательно: по ней мы посчитаем сроки",
    total_fees: "Пошлины всего",
    expand_all: "Развернуть все шаги",
    collapse_all: "Свернуть все шаги",
    provider: "Кто оказывает",
    step_done: "Я получил эту услугу",
    step_done_mark: "Выполнено",
    open_portal: "Открыть на Госуслугах",
    address: "Адрес",
    hours: "Часы работы",
    phone: "Телефон",
    site: "Сайт",
    share: "Ссылка на план",
    share_copied: "Ссылка скопирована.",
    share_copy_failed: "Браузер не дал скопировать ссылку. Выделите её в поле выше и скопируйте сами.",
    share_label: "Ссылка на этот план (ответы хранятся только в ссылке, не на сервере)",
    share_note: "Ответы передаются только в самой ссылке: на сервер они не попадают.",
    next_start: "Начать",
    print: "Распечатать или сохранить в PDF",
    calendar: "Сроки в календарь (.ics)",
    calendar_none: "Укажите дату события, чтобы выгрузить сроки.",
    change_answers: "Изменить ответы",
    start_over: "Начать заново",
    profile_title: "Мои ответы",
    profile_empty: "Вы ещё не отвечали на вопросы.",
    profile_note: "Ответы хранятся только в этом браузере и никуда не отправляются.",
    reuse_setting: "Использовать мои ответы в других ситуациях",
    erase: "Удалить",
    delete_all: "Удалить все мои данные",
    deleted: "Все ваши данные удалены из этого браузера.",
    close: "Закрыть",
    saved_reset: "Сохранённые ответы повреждены, поэтому мы начали заново.",
    saved_trimmed: "Часть сохранённых ответов устарела и не учтена.",
    storage_failed: "Браузер не даёт сохранить ответы: после перезагрузки страницы их не будет.",
    catalog_failed: "Не удалось загрузить справочник услуг по адресу сайта. Показываем встроенный справочник.",
    catalog_broken: "Справочник услуг повреждён. Показываем встроенный справочник.",
    share_failed: "Ссылку не удалось открыть",
    share_opened: "Открыт план по ссылке. Проверьте ответы.",
    number_invalid: "Введите число.",
    date_invalid: "Введите дату.",
    yes: "Да",
    no: "Нет",
    nothing_to_do: "Ничего делать не нужно: ведомство сделает само.",
    rate_title: "Оцените услугу",
    rate_intro: "Оценка анонимная. Она помогает городу сделать услуги лучше.",
    rate_overall: "Общая оценка",
    rate_waiting: "Время ожидания в очереди",
    rate_politeness: "Вежливость сотрудников",
    rate_comfort: "Комфорт помещения",
    rate_information: "Доступность информации о порядке получения услуги",
    rate_channel: "Как вы получали услугу",
    rate_term: "Услугу оказали в срок?",
    rate_term_unknown: "Не знаю",
    rate_comment: "Комментарий (необязательно, до 1000 знаков)",
    rate_comment_note: "Не пишите имя, телефон, адрес и другие персональные данные.",
    rate_send: "Отправить оценку",
    rate_missing: "Поставьте все пять оценок и выберите, как вы получали услугу.",
    rate_sending: "Отправляем…",
    rate_queued: "Оценка сохранена и будет отправлена, когда появится связь.",
    rate_sent: "Спасибо! Оценка отправлена.",
    rate_rejected: "Сервис оценок не принял оценку.",
    rate_disabled: "На этом сайте оценки не принимаются.",
    to_navigator: "К навигатору",
    score_line: "Оценка граждан",
    score_of: "из 5",
    helpful_q: "Был ли этот план полезен?",
    helpful_comment: "Что улучшить? (необязательно)",
    helpful_send: "Отправить",
    scale_1: "очень плохо",
    scale_5: "отлично",
    channel_in_person: "В самом ведомстве",
    channel_one_window: "«Единое окно» администрации",
    channel_mfc: "МФЦ (многофункциональный центр)",
    channel_portal: "Госуслуги (через интернет)",
};

pub const EN: Strings = Strings {
    start: &START_EN,
    situation_unknown: "There is no such situation in the catalog of services",
    back: "Back",
    next: "Next",
    choose_one: "Choose an answer.",
    answer_required: "Answer the question to continue.",
    reuse_prompt:
        "You have answered questions in another situation. Use those answers here instead of answering again?",
    reuse_yes: "Yes, use them",
    reuse_no: "No, I'll answer again",
    review_title: "Check your answers",
    review_none: "This situation needs no questions.",
    change: "Change",
    show_plan: "Show the plan",
    event_date_optional: "optional: we use it to work out your deadlines",
    total_fees: "Fees in total",
    expand_all: "Expand all steps",
    collapse_all: "Collapse all steps",
    provider: "Provided by",
    step_done: "I have received this service",
    step_done_mark: "Done",
    open_portal: "Open on Gosuslugi",
    address: "Address",
    hours: "Opening hours",
    phone: "Phone",
    site: "Website",
    share: "Link to this plan",
    share_copied: "Link copied.",
    share_copy_failed: "The browser did not let us copy the link. Select it in the field above and copy it yourself.",
    share_label: "Link to this plan (the answers live only in the link, never on a server)",
    share_note: "The answers travel only inside the link itself: no server receives them.",
    next_start: "Start",
    print: "Print or save as PDF",
    calendar: "Deadlines to calendar (.ics)",
    calendar_none: "Give the event date to export the deadlines.",
    change_answers: "Change answers",
    start_over: "Start over",
    profile_title: "My answers",
    profile_empty: "You have not answered any questions yet.",
    profile_note: "Your answers are kept only in this browser and are sent nowhere.",
    reuse_setting: "Use my answers in other situations",
    erase: "Erase",
    delete_all: "Delete all my data",
    deleted: "All your data has been deleted from this browser.",
    close: "Close",
    saved_reset: "Your saved answers were damaged, so we started afresh.",
    saved_trimmed: "Some saved answers are out of date and were left out.",
    storage_failed: "The browser does not let us save your answers: they will be gone after a reload.",
    catalog_failed: "The site's catalog of services could not be loaded. Showing the built-in catalog.",
    catalog_broken: "The site's catalog of services is damaged. Showing the built-in catalog.",
    share_failed: "The link could not be opened",
    share_opened: "Opened a plan from a link. Check the answers.",
    number_invalid: "Enter a number.",
    date_invalid: "Enter a date.",
    yes: "Yes",
    no: "No",
    nothing_to_do: "Nothing to do: the authority acts by itself.",
    rate_title: "Rate the service",
    rate_intro: "Ratings are anonymous. They help the city improve its services.",
    rate_overall: "Overall",
    rate_waiting: "Time waiting in the queue",
    rate_politeness: "Politeness of the staff",
    rate_comfort: "Comfort of the premises",
    rate_information: "Availability of information about the procedure",
    rate_channel: "How you received the service",
    rate_term: "Was the service provided on time?",
    rate_term_unknown: "Don't know",
    rate_comment: "Comment (optional, up to 1,000 characters)",
    rate_comment_note: "Do not write your name, phone, address or other personal data.",
    rate_send: "Send the rating",
    rate_missing: "Give all five scores and choose how you received the service.",
    rate_sending: "Sending…",
    rate_queued: "Your rating is saved and will be sent when you are online.",
    rate_sent: "Thank you! Your rating has been sent.",
    rate_rejected: "The rating service did not accept the rating.",
    rate_disabled: "This site does not collect ratings.",
    to_navigator: "To the navigator",
    score_line: "Citizens' rating",
    score_of: "out of 5",
    helpful_q: "Was this plan helpful?",
    helpful_comment: "What could be better? (optional)",
    helpful_send: "Send",
    scale_1: "very poor",
    scale_5: "excellent",
    channel_in_person: "At the department",
    channel_one_window: "The city's one-window office",
    channel_mfc: "MFC (multifunctional centre)",
    channel_portal: "Gosuslugi portal (online)",
};

impl std::ops::Deref for Strings {
    type Target = StartStrings;
    fn deref(&self) -> &StartStrings {
        self.start
    }
}

pub fn t(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// "3 шага" / "3 steps": a number with its noun, by the CLDR plural rules (`lifenav_core::present`).
pub fn count(n: usize, lang: Lang, noun: lifenav_core::present::Counted) -> String {
    lifenav_core::present::count(n as u64, noun, lang)
}

/// "Вопрос 2, осталось не больше 3" — honest progress: `left` counts this question too.
pub fn progress(lang: Lang, number: usize, left: usize) -> String {
    match lang {
        Lang::Ru if left <= 1 => format!("Вопрос {number}, последний"),
        Lang::Ru => format!("Вопрос {number}, осталось не больше {}", left - 1),
        Lang::En if left <= 1 => format!("Question {number}, the last one"),
        Lang::En => format!("Question {number}, at most {} more", left - 1),
    }
}

/// Why a link cannot be opened, for the notice after «Ссылку не удалось открыть: ».
pub fn link_problem(lang: Lang, problem: &lifenav_core::share::LinkProblem) -> String {
    use lifenav_core::share::LinkProblem as P;
    match (lang, problem) {
        (Lang::Ru, P::UnknownSituation(id)) => format!("в справочнике услуг этого сайта нет ситуации «{id}»"),
        (Lang::Ru, P::UnknownService(id)) => format!("в справочнике услуг этого сайта нет услуги «{id}»"),
        (Lang::Ru, _) => "ссылка повреждена".to_string(),
        (Lang::En, P::UnknownSituation(id)) => format!("this site's catalog of services has no situation «{id}»"),
        (Lang::En, P::UnknownService(id)) => format!("this site's catalog of services has no service «{id}»"),
        (Lang::En, _) => "the link is damaged".to_string(),
    }
}

/// What of a share link was left out: «Часть ссылки устарела или повреждена, её мы не
/// учли: 2 ответа и дата события. Проверьте ответы и дату.»
pub fn share_partial(lang: Lang, dropped: &[lifenav_core::share::LinkProblem]) -> String {
    use lifenav_core::share::LinkProblem as P;
    let date = dropped.iter().any(|p| matches!(p, P::BadDate(_)));
    let answers = dropped.iter().filter(|p| !matches!(p, P::BadDate(_))).count();
    let mut parts = Vec::new();
    if answers > 0 {
        parts.push(count(answers, lang, lifenav_core::present::ANSWERS));
    }
    if date {
        parts.push(match lang {
            Lang::Ru => "дата события".to_string(),
            Lang::En => "the event date".to_string(),
        });
    }
    match lang {
        Lang::Ru => {
            format!(
                "Часть ссылки устарела или повреждена, её мы не учли: {}. Проверьте ответы и дату.",
                parts.join(" и ")
            )
        }
        Lang::En => format!(
            "Part of the link is out of date or damaged and was left out: {}. Check the answers and the date.",
            parts.join(" and ")
        ),
    }
}
