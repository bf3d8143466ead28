"""Thêm văn bản: staff add documents behind a password; the files are checked and stored
under the raw folder, the ETL runs, and the page says what was loaded, warned or refused.

No password configured (Streamlit secrets `upload_password` or CYBERDASH_UPLOAD_PASSWORD):
the page says how to set one and offers no uploader at all."""
import time

import streamlit as st

from app import filters, queries, ui
from app.i18n import fmt_int, t
from etl.uploads import check_address, password_ok

_AUTH = "_upload_auth"        # fingerprint of the password the session signed in with
_ROUND = "_upload_round"      # bumped after each load: a fresh, empty uploader
_RESULT = "_upload_result"    # what the last load did, shown until the next one

raw_dir, db_path, max_bytes = ui.upload_settings()
max_mb = max(1, max_bytes // (1024 * 1024))

st.title(t("upload.title"))
st.caption(t("upload.intro", mb=fmt_int(max_mb)))

configured = ui.upload_password()
if configured is None:
    example = t("upload.example_password")
    # inline code, not fenced blocks: a code block loads the syntax highlighter (1.5 MB of
    # JavaScript, about half a second of the page's first paint) for two lines
    st.info(t("upload.disabled") + "\n\n" + t("upload.disabled_secrets")
            + f'\n\n`upload_password = "{example}"`\n\n'
            + t("upload.disabled_env")
            + f'\n\n`export CYBERDASH_UPLOAD_PASSWORD="{example}"`',
            icon=":material/lock:")
    st.stop()

if not ui.signed_in(st.session_state.get(_AUTH), configured):
    st.session_state.pop(_AUTH, None)
    with st.form("upload_login", clear_on_submit=True, width=460):
        st.markdown(t("upload.login_intro"))
        given = st.text_input(t("upload.password"), type="password", key="upload_password",
                              help=t("upload.password_help"), autocomplete="current-password")
        submitted = st.form_submit_button(t("upload.login"), type="primary",
                                          icon=":material/login:")
    if submitted:
        if password_ok(given or "", configured):
            st.session_state[_AUTH] = ui.password_fingerprint(configured)
            st.rerun()
        time.sleep(1)  # a wrong guess costs a second
        st.error(t("upload.wrong_password"), icon=":material/lock:")
    st.stop()


def _sign_out() -> None:
    for k in (_AUTH, _RESULT):
        st.session_state.pop(k, None)


left, right = st.columns([5, 1], vertical_alignment="center")
left.success(t("upload.signed_in"), icon=":material/lock_open:")
right.button(t("upload.logout"), on_click=_sign_out, icon=":material/logout:",
             key="upload_logout", width="stretch")

n = st.session_state.get(_ROUND, 0)
files = st.file_uploader(t("upload.files"), type=list(ui.UPLOAD_TYPES),
                         accept_multiple_files=True, key=f"upload_files_{n}",
                         help=t("upload.files_help", mb=fmt_int(max_mb)),
                         max_upload_size=max_mb)
# the page each file was saved from (optional): evidence of its province when the text is silent
addresses, all_ok = [], True
if files:
    st.caption(t("upload.addresses"))
    for i, f in enumerate(files):
        given = st.text_input(t("upload.address", file=ui.escaped(f.name)),
                              key=f"upload_url_{n}_{i}", placeholder="https://",
                              help=t("upload.address_help"))
        address, ok = check_address(given)
        if not ok:
            st.error(t("upload.address_invalid", address=ui.escaped(address)),
                     icon=":material/link_off:")
            all_ok = False
        addresses.append(address)
if st.button(t("upload.submit"), type="primary", disabled=not files or not all_ok,
             key="upload_submit", icon=":material/upload:"):
    old_years = queries.year_bounds()
    with st.spinner(t("upload.working")):
        result = ui.process_uploads([(f.name, f.getvalue(), a) for f, a in zip(files, addresses)],
                                    raw_dir, db_path, max_bytes)
    # A year slider left at the whole old span means "all years": let it take the new
    # warehouse's span, or a document from a new year would be filtered out at once.
    years = st.session_state.get(filters.K_YEARS)
    if old_years and years is not None and tuple(years) == tuple(old_years):
        del st.session_state[filters.K_YEARS]
    st.session_state[_RESULT] = result
    st.session_state[_ROUND] = n + 1
    st.rerun()  # the whole app (sidebar lists included) now reads the new warehouse

result = st.session_state.get(_RESULT)
if result is not None:
    st.subheader(t("upload.results"))
    ui.upload_results(result)
    if (result.status == "loaded").any():
        st.page_link("pages/documents.py", label=t("upload.see_documents"),
                     icon=":material/description:")
