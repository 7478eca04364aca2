//! Every interface string of the studio, and the names of the catalog's fields and kinds,
//! in Russian (the staff's language). The check's own messages come from the core, the
//! same as `lifenav check` prints.

use lifenav_core::ItemKind;

pub struct Strings {
    pub app: &'static str,
    pub loading: &'static str,
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub home: &'static str,
    pub problems: &'static str,
    pub preview: &'static str,
    pub versions: &'static str,
    pub freshness: &'static str,
    pub users: &'static str,
    pub audit: &'static str,
    pub account: &'static str,
    pub sign_out: &'static str,
    pub vi_on: &'static str,
    pub vi_off: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub not_found: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub login: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub saved: &'static str,
    pub save: &'static str,
    pub save_all: &'static str,
    pub saving: &'static str,
    pub revert: &'static str,
    pub unsaved: &'static str,
    pub unsaved_restored: &'static str,
    pub conflict_notice: &'static str,
    pub conflict_title: &'static str,
    pub conflict_lead: &'static str,
    pub mine: &'static str,
    pub theirs: &'static str,
    pub theirs_deleted: &'static str,
    pub keep_mine: &'static str,
    pub fields_to_pick: &'static str,
    pub field_conflict_title: &'static str,
    pub field_conflict_lead: &'static str,
    pub value_before: &'static str,
    pub value_theirs: &'static str,
    pub value_mine: &'static str,
    pub pick_mine: &'static str,
    pub pick_theirs: &'static str,
    pub pick_before: &'static str,
    pub value_empty: &'static str,
    pub take_theirs: &'static str,
    pub scenario_files: &'static str,
    pub checking: &'static str,
    pub check_took: &'static str,
    pub no_problems: &'static str,
    pub errors: &'static str,
    pub warnings: &'static str,
    pub scenarios_failed: &'static str,
    pub scenarios_passed: &'static str,
    pub tab_form: &'static str,
    pub tab_source: &'static str,
    pub tab_usage: &'static str,
    pub source_label: &'static str,
    pub file: &'static str,
    pub not_toml: &'static str,
    pub add: &'static str,
    pub text: &'static str,
    pub remove: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub not_set: &'static str,
    pub en_optional: &'static str,
    pub one_per_line: &'static str,
    pub condition_text: &'static str,
    pub condition_builder: &'static str,
    pub condition_complex: &'static str,
    pub condition_add: &'static str,
    pub condition_question: &'static str,
    pub condition_op: &'static str,
    pub condition_value: &'static str,
    pub column: &'static str,
    pub new_item: &'static str,
    pub new_id: &'static str,
    pub create: &'static str,
    pub delete_item: &'static str,
    pub used_in: &'static str,
    pub used_nowhere: &'static str,
    pub draft: &'static str,
    pub draft_lead: &'static str,
    pub files_changed: &'static str,
    pub nothing_changed: &'static str,
    pub submit_title: &'static str,
    pub submit_message: &'static str,
    pub submit_hint: &'static str,
    pub submit: &'static str,
    pub submitted: &'static str,
    pub save_first: &'static str,
    pub fix_errors_first: &'static str,
    pub waiting_review: &'static str,
    pub none: &'static str,
    pub import_title: &'static str,
    pub import_lead: &'static str,
    pub import_button: &'static str,
    pub imported: &'static str,
    pub export_draft: &'static str,
    pub version: &'static str,
    pub state: &'static str,
    pub message: &'static str,
    pub author: &'static str,
    pub reviewer: &'static str,
    pub created: &'static str,
    pub published_at: &'static str,
    pub in_force: &'static str,
    pub compare: &'static str,
    pub compare_from: &'static str,
    pub compare_to: &'static str,
    pub diff_title: &'static str,
    pub impact_title: &'static str,
    pub impact_lead: &'static str,
    pub check_title: &'static str,
    pub unchanged: &'static str,
    pub broken: &'static str,
    pub approve: &'static str,
    pub request_changes: &'static str,
    pub note: &'static str,
    pub withdraw: &'static str,
    pub publish_now: &'static str,
    pub schedule: &'static str,
    pub schedule_at: &'static str,
    pub unschedule: &'static str,
    pub roll_back: &'static str,
    pub export_version: &'static str,
    pub done: &'static str,
    pub preview_lead: &'static str,
    pub situation: &'static str,
    pub as_of: &'static str,
    pub open_preview: &'static str,
    pub preview_needs_no_errors: &'static str,
    pub scenario_name: &'static str,
    pub save_scenario: &'static str,
    pub scenario_added: &'static str,
    pub scenario_unfinished: &'static str,
    pub freshness_lead: &'static str,
    pub months: &'static str,
    pub never_checked: &'static str,
    pub all_fresh: &'static str,
    pub users_lead: &'static str,
    pub name: &'static str,
    pub roles: &'static str,
    pub departments: &'static str,
    pub disabled: &'static str,
    pub enable: &'static str,
    pub disable: &'static str,
    pub reset_password: &'static str,
    pub new_password_once: &'static str,
    pub create_user: &'static str,
    pub audit_lead: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub action: &'static str,
    pub target: &'static str,
    pub detail: &'static str,
    pub more: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub password_changed: &'static str,
}

pub const T: Strings = Strings {
    app: "Студия каталога",
    loading: "Загрузка…",
    skip: "Перейти к содержанию",
    nav_label: "Разделы студии",
    home: "Черновик",
    problems: "Проблемы",
    preview: "Предпросмотр",
    versions: "Версии",
    freshness: "Актуальность",
    users: "Сотрудники",
    audit: "Журнал",
    account: "Мой профиль",
    sign_out: "Выйти",
    vi_on: "Версия для слабовидящих",
    vi_off: "Обычная версия",
    search: "Поиск по каталогу",
    search_hint: "название, идентификатор или слово",
    not_found: "Такой страницы нет.",
    sign_in_title: "Вход в студию каталога",
    sign_in_lead: "Для сотрудников администрации и МФЦ, которые ведут каталог навигатора.",
    login: "Логин",
    password: "Пароль",
    sign_in: "Войти",
    signing_in: "Входим…",
    saved: "Сохранено",
    save: "Сохранить",
    save_all: "Сохранить все изменения",
    saving: "Сохраняем…",
    revert: "Отменить несохранённые изменения",
    unsaved: "не сохранено",
    unsaved_restored: "Восстановлены ваши несохранённые изменения из этого браузера; сохраните их. Записей:",
    conflict_notice: "файл изменил другой сотрудник. Ваш текст сохранён здесь: сравните и выберите.",
    conflict_title: "Файл изменил другой сотрудник",
    conflict_lead: "Пока вы редактировали, файл сохранили. Ваш текст не потерян: сравните оба и выберите, какой оставить. Оставив свой, сохраните файл ещё раз.",
    mine: "Ваш текст",
    theirs: "Сохранённый текст",
    theirs_deleted: "Файл удалён.",
    keep_mine: "Оставить мой текст",
    fields_to_pick: "сначала выберите значения полей, которые изменили и вы, и коллега",
    field_conflict_title: "Это поле изменили и вы, и коллега",
    field_conflict_lead: "Остальные изменения ваши и коллеги сохранены. Здесь выберите, какое значение оставить; потом его можно поправить в форме.",
    value_before: "Было",
    value_theirs: "Сохранил коллега",
    value_mine: "Ваше",
    pick_mine: "Оставить моё",
    pick_theirs: "Оставить значение коллеги",
    pick_before: "Вернуть как было",
    value_empty: "(не заполнено)",
    take_theirs: "Взять сохранённый",
    scenario_files: "Файлы сценариев",
    checking: "Проверяем…",
    check_took: "проверка заняла",
    no_problems: "Проблем нет.",
    errors: "ошибок",
    warnings: "предупреждений",
    scenarios_failed: "сценариев не проходят",
    scenarios_passed: "сценариев проходят",
    tab_form: "Форма",
    tab_source: "Исходный текст (TOML)",
    tab_usage: "Где используется",
    source_label: "Текст файла в формате TOML",
    file: "Файл",
    not_toml: "Файл не читается как TOML, поэтому форма недоступна. Исправьте его во вкладке «Исходный текст».",
    add: "Добавить",
    text: "Текст",
    remove: "Удалить",
    up: "Выше",
    down: "Ниже",
    not_set: "— не указано —",
    en_optional: "по-английски (необязательно)",
    one_per_line: "по одному в строке",
    condition_text: "Условие текстом",
    condition_builder: "Конструктор условия",
    condition_complex: "Это условие сложнее, чем умеет конструктор (есть «или» или скобки): правьте текст.",
    condition_add: "Добавить часть условия",
    condition_question: "Вопрос",
    condition_op: "Сравнение",
    condition_value: "Ответ",
    column: "позиция",
    new_item: "Создать",
    new_id: "Идентификатор (латиницей, через дефис)",
    create: "Создать",
    delete_item: "Удалить",
    used_in: "Где используется",
    used_nowhere: "Нигде не используется.",
    draft: "Черновик каталога",
    draft_lead: "Один общий черновик для всех редакторов. Изменения видны гражданам только после проверки вторым сотрудником и публикации.",
    files_changed: "Что изменено по сравнению с действующей версией",
    nothing_changed: "Черновик совпадает с опубликованной версией.",
    submit_title: "Отправить на проверку",
    submit_message: "Что изменилось и почему",
    submit_hint: "Например: «Новые часы работы ЗАГС с 1 декабря по данным сайта администрации».",
    submit: "Отправить на проверку",
    submitted: "Отправлено на проверку: версия",
    save_first: "Сначала сохраните все изменения.",
    fix_errors_first: "В черновике есть ошибки: исправьте их перед отправкой.",
    waiting_review: "Версии в работе",
    none: "Нет.",
    import_title: "Загрузить папку каталога",
    import_lead: "Архив .zip или .tar.gz с файлами TOML заменит весь черновик.",
    import_button: "Загрузить архив",
    imported: "Черновик заменён загруженной папкой, файлов:",
    export_draft: "Скачать черновик (.zip)",
    version: "Версия",
    state: "Состояние",
    message: "Сообщение",
    author: "Автор",
    reviewer: "Проверил",
    created: "Создана",
    published_at: "Опубликована",
    in_force: "действует",
    compare: "Сравнить",
    compare_from: "Версия «было»",
    compare_to: "Версия «стало»",
    diff_title: "Изменения в файлах",
    impact_title: "Как изменятся планы граждан",
    impact_lead: "Каждый сценарий рассчитан на действующей и на этой версии каталога.",
    check_title: "Проверка",
    unchanged: "без изменений",
    broken: "сценарий не запускается",
    approve: "Одобрить",
    request_changes: "Вернуть на доработку",
    note: "Комментарий",
    withdraw: "Отозвать",
    publish_now: "Опубликовать сейчас",
    schedule: "Запланировать публикацию",
    schedule_at: "Дата и время публикации (по местному времени)",
    unschedule: "Отменить запланированную публикацию",
    roll_back: "Вернуть эту версию (опубликовать заново)",
    export_version: "Скачать версию (.zip)",
    done: "Готово",
    preview_lead: "Настоящий виджет навигатора на вашем черновике, включая несохранённые изменения.",
    situation: "Жизненная ситуация",
    as_of: "На дату",
    open_preview: "Показать",
    preview_needs_no_errors: "Предпросмотр работает на черновике без ошибок: сначала исправьте ошибки.",
    scenario_name: "Название сценария",
    save_scenario: "Сохранить ответы и план как сценарий",
    scenario_added: "Сценарий добавлен в файл",
    scenario_unfinished: "Ответьте в предпросмотре на все вопросы, чтобы сохранить сценарий.",
    freshness_lead: "Факты, которые давно не сверяли с источником, по ведомствам.",
    months: "Старше, месяцев",
    never_checked: "не сверялся",
    all_fresh: "Все факты сверены недавно.",
    users_lead: "Учётные записи сотрудников. Храним только логин, имя и роли.",
    name: "Имя",
    roles: "Роли",
    departments: "Ведомства (для ответов на отзывы)",
    disabled: "отключён",
    enable: "Включить",
    disable: "Отключить",
    reset_password: "Новый пароль",
    new_password_once: "Пароль показывается один раз — передайте его сотруднику:",
    create_user: "Создать учётную запись",
    audit_lead: "Все действия сотрудников: кто, когда, что и почему.",
    when: "Когда",
    who: "Кто",
    action: "Действие",
    target: "Что",
    detail: "Подробности",
    more: "Показать ещё",
    change_password: "Сменить пароль",
    current_password: "Текущий пароль",
    new_password: "Новый пароль (не короче 10 символов)",
    password_changed: "Пароль изменён. Другие ваши сеансы завершены.",
};

/// (singular, plural) names of a kind of item.
pub fn kind_name(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Meta => ("Описание каталога", "Каталог"),
        ItemKind::Category => ("Рубрика", "Рубрики"),
        ItemKind::Situation => ("Жизненная ситуация", "Ситуации"),
        ItemKind::Service => ("Услуга", "Услуги"),
        ItemKind::Question => ("Вопрос", "Вопросы"),
        ItemKind::Document => ("Документ", "Документы"),
        ItemKind::Department => ("Ведомство", "Ведомства"),
        ItemKind::Scenario => ("Сценарий", "Сценарии"),
    }
}

/// A field's label (the same key means the same thing wherever it is used).
pub fn label(key: &str) -> &'static str {
    match key {
        "id" => "Идентификатор",
        "title" => "Название",
        "summary" => "Кратко",
        "city" => "Город",
        "version" => "Версия каталога",
        "effective" => "Действует с",
        "languages" => "Языки",
        "categories" => "Рубрики",
        "holidays" => "Дополнительные выходные (постановление о переносе)",
        "workdays" => "Рабочие субботы и воскресенья",
        "category" => "Рубрика",
        "keywords" => "Слова для поиска",
        "rank" => "Порядок (меньше — выше в списке)",
        "event" => "Дата события (от неё считаются сроки)",
        "services" => "Услуги ситуации",
        "service" => "Услуга",
        "when" => "Когда (условие)",
        "level" => "Уровень",
        "provider" => "Кто предоставляет",
        "after" => "Сначала нужны услуги",
        "legal_basis" => "Правовое основание",
        "source" => "Источник (адрес страницы)",
        "checked" => "Сверено с источником",
        "unverified" => "Не подтверждено первичным источником («уточняйте»)",
        "documents" => "Документы",
        "doc" => "Документ",
        "original" => "Нужен оригинал",
        "copies" => "Копий",
        "note" => "Примечание",
        "term" => "Срок предоставления",
        "deadline" => "Срок обращения (для заявителя)",
        "days" => "Календарных дней",
        "working_days" => "Рабочих дней",
        "months" => "Месяцев",
        "basis" => "Основание (статья, пункт)",
        "fee" => "Пошлина или плата",
        "amount" => "Сумма, ₽ (0 — бесплатно)",
        "criteria" => "Критерии принятия решения",
        "refusal" => "Основания для отказа",
        "channels" => "Способы подачи",
        "kind" => "Вид",
        "office" => "Где (ведомство или офис)",
        "url" => "Адрес страницы",
        "results" => "Результат (документы, которые получает заявитель)",
        "variants" => "Варианты услуги",
        "text" => "Текст",
        "help" => "Пояснение",
        "options" => "Варианты ответа",
        "min" => "Не меньше",
        "max" => "Не больше",
        "unit" => "Единица",
        "name" => "Название",
        "short" => "Краткое название",
        "address" => "Адрес",
        "hours" => "Часы работы",
        "phone" => "Телефон",
        "site" => "Сайт",
        "situation" => "Ситуация",
        "answers" => "Ответы",
        "event_date" => "Дата события",
        "today" => "Сегодня (дата расчёта)",
        "expect" => "Ожидается",
        "bring" => "Принести",
        "obtained" => "Запросят сами",
        "received" => "Получит на шаге",
        "questions" => "Вопросов задано",
        "asked" => "Заданные вопросы по порядку",
        "visits" => "Визитов",
        "total_fee" => "Всего пошлин, ₽",
        "deadlines" => "Крайние даты",
        "starts" => "Даты начала",
        "calendar" => "Производственный календарь по годам",
        "sources" => "Источники отдельных сведений",
        "year" => "Год",
        "primary_sources" => "Первичные источники (адреса сайтов)",
        "from" => "Действует с (дата)",
        "until" => "Действует по (дата)",
        "periods" => "Значения по периодам (старое и новое)",
        "unknown" => "Не удалось найти (что искали и где)",
        "field" => "Сведение",
        "part" => "Что именно",
        "searched" => "Где искали",
        "next" => "Что может понадобиться дальше (ситуации)",
        "why" => "Почему может понадобиться (для жителя)",
        _ => "",
    }
}

/// The words of a fixed choice (`level`, a channel's `kind`, …).
pub fn choice(value: &str) -> &'static str {
    match value {
        "municipal" => "муниципальная",
        "regional" => "региональная",
        "federal" => "федеральная",
        "non_government" => "негосударственная",
        "applicant" => "приносит заявитель",
        "interagency" => "запрашивает ведомство (межведомственный запрос)",
        "in_person" => "лично в ведомстве",
        "one_window" => "«Единое окно» администрации",
        "mfc" => "МФЦ",
        "portal" => "Госуслуги (ЕПГУ)",
        "post" => "почтой",
        "automatic" => "ничего делать не нужно (автоматически)",
        "yes_no" => "да или нет",
        "single" => "один вариант",
        "multiple" => "несколько вариантов",
        "number" => "число",
        "date" => "дата",
        "term" => "срок предоставления",
        "deadline" => "срок обращения",
        "fee" => "пошлина или плата",
        "criteria" => "критерии",
        "refusal" => "основания для отказа",
        "legal_basis" => "правовое основание",
        "channels" => "способы подачи",
        _ => "",
    }
}

/// A version's state in words.
pub fn state(s: &str) -> &'static str {
    match s {
        "submitted" => "на проверке",
        "changes_requested" => "возвращена на доработку",
        "withdrawn" => "отозвана",
        "approved" => "одобрена",
        "scheduled" => "публикация запланирована",
        "published" => "опубликована",
        "superseded" => "заменена более новой",
        _ => "",
    }
}

/// A role in words.
pub fn role(r: &str) -> &'static str {
    match r {
        "admin" => "администратор",
        "editor" => "редактор",
        "reviewer" => "проверяющий",
        "responder" => "отвечает на отзывы",
        "analyst" => "аналитик",
        _ => "",
    }
}

/// An audit log action in words.
pub fn action(a: &str) -> &'static str {
    match a {
        "sign_in" => "вход",
        "sign_in_failed" => "неудачный вход",
        "sign_out" => "выход",
        "password_changed" => "смена пароля",
        "password_reset" => "выдан новый пароль",
        "user_created" => "создана учётная запись",
        "user_updated" => "изменена учётная запись",
        "user_deleted" => "удалена учётная запись",
        "file_saved" => "сохранён файл",
        "file_deleted" => "удалён файл",
        "draft_imported" => "загружена папка каталога",
        "draft_reset" => "черновик возвращён к версии",
        "version_submitted" => "отправлено на проверку",
        "version_approved" => "одобрено",
        "changes_requested" => "возвращено на доработку",
        "version_withdrawn" => "отозвано",
        "version_published" => "опубликовано",
        "version_scheduled" => "публикация запланирована",
        "schedule_cancelled" => "публикация отменена",
        "version_rolled_back" => "возврат к версии",
        "seeded" => "первый запуск",
        "rating_answered" => "ответ на отзыв",
        "rating_resolved" => "отзыв закрыт",
        "rating_passed" => "отзыв передан другому ведомству",
        _ => "",
    }
}

/// A moment (unix seconds) in the browser's local time, `01.12.2026 14:05`.
pub fn moment(seconds: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The responders' screen.
pub struct ResponseStrings {
    pub title: &'static str,
    pub lead: &'static str,
    pub not_responder: &'static str,
    pub to_answer: &'static str,
    pub overdue: &'static str,
    pub only_overdue: &'static str,
    pub nothing: &'static str,
    pub score: &'static str,
    pub due: &'static str,
    pub was_due: &'static str,
    pub waited: &'static str,
    pub minutes: &'static str,
    pub visits: &'static str,
    pub public_answer: &'static str,
    pub private_answer: &'static str,
    pub helped_yes: &'static str,
    pub helped_no: &'static str,
    pub helped_unknown: &'static str,
    pub excerpt_shown: &'static str,
    pub answer_label: &'static str,
    pub make_public: &'static str,
    pub excerpt_label: &'static str,
    pub send_answer: &'static str,
    pub answer_sent: &'static str,
    pub resolve: &'static str,
    pub resolved_done: &'static str,
    pub pass_label: &'static str,
    pub pass: &'static str,
    pub passed_on: &'static str,
}

pub const R: ResponseStrings = ResponseStrings {
    title: "Отзывы граждан",
    lead: "Оценки услуг ваших ведомств, сначала то, что требует ответа. На оценку ниже 3 с комментарием нужно ответить в течение",
    not_responder: "Этот раздел — для сотрудников, отвечающих на отзывы (роль «отвечает на отзывы»).",
    to_answer: "Ждут ответа",
    overdue: "просрочено",
    only_overdue: "Только просроченные",
    nothing: "Отзывов, требующих внимания, нет.",
    score: "оценка",
    due: "ответить до",
    was_due: "срок ответа истёк",
    waited: "ждал в очереди",
    minutes: "мин",
    visits: "визитов:",
    public_answer: "Публичный ответ",
    private_answer: "Ответ только гражданину",
    helped_yes: "Гражданин ответил: помогло.",
    helped_no: "Гражданин ответил: не помогло.",
    helped_unknown: "Гражданин ещё не сказал, помог ли ответ.",
    excerpt_shown: "Опубликован фрагмент отзыва",
    answer_label: "Ответ гражданину",
    make_public: "Опубликовать ответ рядом с оценкой услуги (его увидят все)",
    excerpt_label: "Фрагмент отзыва, который будет опубликован с ответом (скопируйте из текста отзыва; не включайте ничего, что указывает на человека)",
    send_answer: "Отправить ответ",
    answer_sent: "Ответ отправлен. Гражданин увидит его в навигаторе.",
    resolve: "Отметить решённым",
    resolved_done: "Отзыв отмечен решённым.",
    pass_label: "Не наш вопрос — передать ведомству",
    pass: "Передать",
    passed_on: "Отзыв передан другому ведомству.",
};

pub fn rating_status(s: &str) -> &'static str {
    match s {
        "answered" => "отвечено",
        "resolved" => "решено",
        "passed" => "передан от другого ведомства",
        _ => "без ответа",
    }
}

/// A number of days, the noun agreeing with it («1 день», «3 дня», «5 дней»).
pub fn days(n: i64) -> String {
    counted(n, ["день", "дня", "дней"])
}

/// A number with its noun in the form the CLDR plural rules give (the widget's rules).
pub fn counted(n: i64, forms: [&'static str; 3]) -> String {
    let noun = lifenav_core::present::Counted { ru: forms, en: ["", ""] };
    let sign = if n < 0 { "−" } else { "" };
    format!("{sign}{}", lifenav_core::present::count(n.unsigned_abs(), noun, lifenav_core::Lang::Ru))
}

pub fn items_count(n: usize) -> String {
    counted(n as i64, ["запись", "записи", "записей"])
}

/// A save merged with a colleague's that left fields for the editor to pick.
pub fn fields_both_changed(n: usize) -> String {
    let fields = counted(n as i64, ["поле", "поля", "полей"]);
    format!("коллега сохранил изменения, пока вы редактировали. Всё, что вы изменили, сохранено; {fields} изменили вы оба: выберите значение")
}

/// A file named by what it is, for the rare message about a file as a whole.
pub fn file_title(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".toml");
    match name {
        "catalog" => "описание каталога".to_string(),
        "departments" | "life" | "part-b" if path.contains("department") => "ведомства".to_string(),
        _ if path.contains("documents") => "документы".to_string(),
        _ if path.contains("questions") => "вопросы".to_string(),
        _ if path.contains("scenarios") => "сценарии".to_string(),
        _ => format!("запись «{name}»"),
    }
}

/// A field's name inside a sentence, in lower case.
fn sentence_label(key: &str) -> String {
    match key {
        "fee" => "пошлина".into(),
        "total_fee" => "пошлины всего".into(),
        "visits" => "визитов".into(),
        "term" => "срок предоставления".into(),
        "deadline" => "крайний срок".into(),
        other => {
            let l = label(other);
            if l.is_empty() {
                "поле".into()
            } else {
                let mut chars = l.chars();
                chars.next().map(|c| c.to_lowercase().collect::<String>() + chars.as_str()).unwrap_or_default()
            }
        }
    }
}

/// A field's change as a sentence: the item by its title, the field by its label, the
/// values as staff read them; fees in roubles and kopecks.
pub fn change_sentence(c: &lifenav_core::edit::FieldChange) -> String {
    use lifenav_core::diagnostic::Seg;
    let item = match (c.title.is_empty(), c.kind) {
        (true, kind) => kind.map(|k| kind_name(k).0.to_string()).unwrap_or_else(|| "Каталог".into()),
        (false, Some(ItemKind::Scenario)) => format!("Сценарий «{}»", c.title),
        (false, _) => c.title.clone(),
    };
    let keys: Vec<&str> = c
        .field
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) if k != "ru" && k != "en" => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let money = keys.last().is_some_and(|k| *k == "amount" || *k == "total_fee");
    // «пошлина», not «пошлина — сумма»: the amount is what a fee is.
    let mut parts: Vec<String> = Vec::new();
    let mut segs = c.field.iter().peekable();
    while let Some(seg) = segs.next() {
        match seg {
            Seg::Key(k) if k == "ru" || k == "en" => {}
            Seg::Key(k) if money && k == "amount" => {}
            // A scenario's expectations: «сценарий … — пошлины всего», not «ожидается — …».
            Seg::Key(k) if k == "expect" => {}
            Seg::Key(k) if k == "variants" => {
                if let Some(Seg::Index(i)) = segs.peek() {
                    parts.push(format!("вариант {}", i + 1));
                    segs.next();
                }
            }
            Seg::Key(k) => parts.push(sentence_label(k)),
            Seg::Index(i) => parts.push(format!("№ {}", i + 1)),
        }
    }
    let field = parts.join(" — ");
    let value = |v: &str| -> String {
        if money {
            v.replace(',', ".").parse::<f64>().map(lifenav_core::present::fee_amount).unwrap_or_else(|_| v.to_string())
        } else {
            v.to_string()
        }
    };
    let what = match (&c.before, &c.after) {
        (Some(b), Some(a)) if money => format!("{} → {}", value(b), value(a)),
        (Some(b), Some(a)) => format!("«{}» → «{}»", value(b), value(a)),
        (None, Some(a)) => format!("добавлено «{}»", value(a)),
        (Some(b), None) => format!("удалено «{}»", value(b)),
        (None, None) => String::new(),
    };
    if field.is_empty() {
        format!("{item}: {what}")
    } else {
        format!("{item} — {field}: {what}")
    }
}
