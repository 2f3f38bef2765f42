"""Words of the pages around the lecture: the preview gallery (index.html) and the HTML deck's presenter layer
(its sound prompt and its list of keys). One source for both languages, like every on-screen word."""

STRINGS = {
    # the gallery
    "page.preview": {"en": "{title} (preview)", "zh": "{title}（预览）"},
    "page.lecture": {"en": "The whole lecture", "zh": "完整讲座"},
    "page.chapters": {"en": "Chapters", "zh": "章节"},
    "page.play_from": {"en": "Play from {time}: {title}", "zh": "从 {time} 开始播放：{title}"},
    "page.files": {"en": "Files", "zh": "文件"},
    "page.not_stitched": {"en": "The lecture has not been stitched yet: render every scene first.",
                          "zh": "讲座尚未拼接：请先渲染所有场景。"},
    "page.not_rendered": {"en": "Not rendered yet.", "zh": "尚未渲染。"},
    "page.transparent": {"en": "transparent version (WebM with alpha)", "zh": "透明背景版本（带 alpha 通道的 WebM）"},
    "page.file.slides_html": {"en": "slide deck (HTML, works offline)", "zh": "幻灯片（HTML，可离线使用）"},
    "page.file.slides_pptx": {"en": "slide deck (PowerPoint)", "zh": "幻灯片（PowerPoint）"},
    "page.file.lecture_srt": {"en": "lecture subtitles (SubRip)", "zh": "讲座字幕（SubRip）"},
    "page.file.contact_sheet": {"en": "contact sheet (the whole lecture at a glance)",
                                "zh": "缩略图总览（一眼看完整个讲座）"},
    "page.file.manifest": {"en": "manifest (every file with its checksum)", "zh": "文件清单（含校验和）"},
    # the HTML deck
    "deck.sound": {"en": "Click or press any key for sound", "zh": "点击或按任意键播放声音"},
    "deck.keys": {"en": "Keys", "zh": "快捷键"},
    "deck.key": {"en": "Key", "zh": "按键"},
    "deck.action": {"en": "Action", "zh": "操作"},
    "deck.next": {"en": "Next slide (a clicker's forward button sends Page Down)",
                  "zh": "下一张幻灯片（翻页笔的前进键发送 Page Down）"},
    "deck.previous": {"en": "Previous slide", "zh": "上一张幻灯片"},
    "deck.first": {"en": "First slide of the lecture", "zh": "整个讲座的第一张幻灯片"},
    "deck.last": {"en": "Last slide of the lecture", "zh": "整个讲座的最后一张幻灯片"},
    "deck.blank": {"en": "Blank the screen and pause the clip (again: back)", "zh": "黑屏并暂停（再按一次返回）"},
    "deck.mouse": {"en": "Click on the picture", "zh": "点击画面"},
    "deck.click": {"en": "Pause or resume the clip", "zh": "暂停或继续播放"},
    "deck.fullscreen": {"en": "Full screen", "zh": "全屏"},
    "deck.overview": {"en": "Overview of all slides", "zh": "所有幻灯片概览"},
    "deck.speaker": {"en": "Speaker view (notes, next slide, timer)", "zh": "演讲者视图（备注、下一张、计时）"},
    "deck.jump": {"en": "Go to a slide by its number", "zh": "按编号跳转到幻灯片"},
    "deck.help": {"en": "This list of keys", "zh": "本快捷键列表"},
}
