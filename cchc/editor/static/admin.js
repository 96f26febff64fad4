/* The portal's web editor: Vietnamese completed, the portal's look in the preview. Loaded after decap-cms.js. */
(function () {
  "use strict";
  var CMS = window.CMS;

  // Decap's own Vietnamese (decap-cms-locales 'vi') lacks these strings; the workflow names follow portal rules.
  var completions = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
      entries: { unpublishedHeader: "Bài chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không %{label}" },
    },
    editor: {
      editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
      editorControlPane: {
        i18n: {
          writingInLocale: "Đang viết bằng %{locale}",
          copyFromLocale: "Chép từ ngôn ngữ khác",
          copyFromLocaleConfirm: "Chép nội dung từ %{locale}?\nMọi nội dung hiện có sẽ bị thay thế.",
        },
      },
      editorInterface: {
        toggleI18n: "Bật/tắt đa ngôn ngữ",
        togglePreview: "Bật/tắt xem trước",
        toggleScrollSync: "Cuộn đồng thời",
        toggleNotes: "Bật/tắt ghi chú",
      },
      editorNotesPane: {
        title: "Ghi chú",
        emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để trao đổi với người duyệt.",
        addNote: "Thêm ghi chú",
        addPlaceholder: "Viết ghi chú...",
        editPlaceholder: "Sửa ghi chú...",
        save: "Lưu",
        cancel: "Hủy",
        edit: "Sửa",
        delete: "Xóa",
        resolve: "Đã xử lý",
        unresolve: "Chưa xử lý",
        confirmDelete: "Xóa ghi chú này?",
        shortcut: "Mẹo: nhấn Ctrl+Enter để thêm nhanh ghi chú",
      },
      editorToolbar: {
        status: "Trạng thái: %{status}",
        draft: "Bản nháp",
        inReview: "Chờ duyệt",
        ready: "Sẵn sàng đăng",
        publishNow: "Đăng ngay",
        statusInfoTooltipDraft: "Bài đang là bản nháp. Viết xong, hãy chuyển trạng thái sang “Chờ duyệt” để gửi Trưởng ban biên tập duyệt.",
        statusInfoTooltipInReview: "Bài đang chờ duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa bài trong lúc chờ.",
      },
      editorWidgets: {
        markdown: {
          bold: "In đậm",
          italic: "In nghiêng",
          strikethrough: "Gạch ngang",
          code: "Mã",
          link: "Liên kết",
          linkPrompt: "Nhập địa chỉ của liên kết",
          headings: "Tiêu đề mục",
          quote: "Trích dẫn",
          bulletedList: "Danh sách dấu chấm",
          numberedList: "Danh sách đánh số",
          addComponent: "Thêm thành phần",
          toggleMode: { rich: "Chuyển sang soạn thảo thường", markdown: "Chuyển sang soạn thảo Markdown" },
        },
        image: {
          chooseMultiple: "Chọn ảnh",
          chooseUrl: "Chèn từ địa chỉ web",
          replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của ảnh",
          addMore: "Thêm ảnh",
          removeAll: "Xóa tất cả ảnh",
        },
        file: {
          chooseUrl: "Chèn từ địa chỉ web",
          chooseMultiple: "Chọn tệp",
          replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của tệp",
          addMore: "Thêm tệp",
          removeAll: "Xóa tất cả tệp",
        },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở rộng", collapse: "Thu gọn" },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: "Sao chép",
        copyUrl: "Sao chép địa chỉ",
        copyPath: "Sao chép đường dẫn",
        copyName: "Sao chép tên",
        copied: "Đã sao chép",
      },
      mediaLibraryModal: { close: "Đóng" },
    },
    ui: {
      settingsDropdown: { account: "Tài khoản" },
      toast: {
        noteAdded: "Đã thêm ghi chú",
        onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã sửa ghi chú",
        onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú",
        onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Ghi chú đã xử lý",
        noteReopened: "Ghi chú được mở lại",
        onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}",
      },
    },
    workflow: {
      workflowList: {
        draftHeader: "Bản nháp",
        inReviewHeader: "Chờ duyệt",
        readyHeader: "Sẵn sàng đăng",
      },
    },
  };

  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merge(out[key], value) : value;
    });
    return out;
  }

  CMS.registerLocale("vi", merge(CMS.getLocale ? CMS.getLocale("vi") : {}, completions));

  // The portal's stylesheets (Material's and ours), so the preview looks like the page citizens see.
  var meta = document.querySelector('meta[name="cchc-preview-styles"]');
  (meta ? meta.content.split(" ") : []).forEach(function (href) {
    if (href) CMS.registerPreviewStyle(new URL(href, window.location.href).href);
  });

  function formatDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
    return match ? match[3] + "/" + match[2] + "/" + match[1] : "";
  }

  function optionLabel(collection, name, value) {
    var field = collection.get("fields").find(function (f) { return f.get("name") === name; });
    var option = field && field.get("options") && field.get("options").find(function (o) {
      return o.get && o.get("value") === value;
    });
    return option ? option.get("label") : value || "";
  }

  var h = window.h;
  var ArticlePreview = window.createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var collection = this.props.collection;
      var image = data.get("image");
      var asset = image ? this.props.getAsset(image) : null;
      return h("div", { className: "md-main__inner md-grid" },
        h("div", { className: "md-content" },
          h("article", { className: "md-content__inner md-typeset cchc-preview" },
            h("header", { className: "cchc-article__header" },
              h("p", { className: "cchc-kicker" }, optionLabel(collection, "category", data.get("category"))),
              h("h1", {}, data.get("title") || ""),
              h("p", { className: "cchc-meta" },
                formatDate(data.get("date")), " · ", optionLabel(collection, "unit", data.get("unit")),
                data.get("author") ? " · " + data.get("author") : "")),
            asset ? h("figure", { className: "cchc-article__image" },
              h("img", { src: asset.toString(), alt: data.get("image_alt") || data.get("title") || "" })) : null,
            this.props.widgetFor("body"))));
    },
  });
  CMS.registerPreviewTemplate("articles", ArticlePreview);

  // Rules `check` applies that Decap's field rules cannot say: refuse the save with the same advice.
  var rules = fetch("rules.json").then(function (response) { return response.json(); });

  function slugOf(title) {
    return String(title || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function formatDay(iso) {
    var parts = iso.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function articleProblem(entry, rules) {
    var data = entry.get("data");
    var day = String(data.get("date") || "").slice(0, 10);
    var unit = rules.units[data.get("unit")];
    if (unit && day && ((unit.from && day < unit.from) || (unit.until && day > unit.until))) {
      return "đơn vị " + unit.name + " không hoạt động vào ngày " + formatDay(day) +
        " (đơn vị chỉ hoạt động " + unit.lifetime + "); hãy đổi ngày đăng hoặc đơn vị";
    }
    var slug = slugOf(data.get("title"));
    if (entry.get("newRecord") && rules.slugs[slug]) {
      return "đã có bài cùng địa chỉ /bai-viet/" + slug + "/ (" + rules.slugs[slug] + "); hãy đổi tiêu đề";
    }
    return null;
  }

  function hotlineProblem(entry) {
    var items = entry.get("data").get("hotlines");
    var missing = items && items.find(function (item) { return !item.get("phone") && !item.get("email"); });
    return missing ? "đường dây nóng “" + missing.get("name") + "” cần số điện thoại hoặc thư điện tử" : null;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      return rules.then(function (rules) {
        var collection = entry.get("collection");
        var problem = collection === "articles" ? articleProblem(entry, rules) :
          entry.get("slug") === "hotlines" ? hotlineProblem(entry) : null;
        if (problem) throw problem; // shown as "Không thể giữ lại mục: <problem>"
        return undefined;
      });
    },
  });
})();
