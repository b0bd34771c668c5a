// http_client.cpp: libcurl easy interface, one handle per request.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace kd::testing {
namespace {

size_t collect(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

// Every header of the answer, by lower-case name; a repeated one keeps its last value.
size_t header_line(char* data, size_t size, size_t n, void* out) {
    std::string line(data, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        std::string v = line.substr(colon + 1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n'))
            v.pop_back();
        while (!v.empty() && v.front() == ' ')
            v.erase(v.begin());
        (*static_cast<std::map<std::string, std::string>*>(out))[name] = v;
    }
    return size * n;
}

} // namespace

nlohmann::json HttpReply::json() const {
    return nlohmann::json::parse(body);
}

HttpReply HttpClient::send(const std::string& method, const std::string& path,
                           const std::string* body, const std::string& content_type) const {
    CURL* h = curl_easy_init();
    std::string url = base_ + path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    std::string from = "host!" + local_address;
    if (!local_address.empty()) curl_easy_setopt(h, CURLOPT_INTERFACE, from.c_str());
    struct curl_slist* headers = nullptr;
    std::string ct = "Content-Type: " + content_type, token = "X-CSRF-Token: " + csrf,
                cookie_header = "Cookie: " + cookie;
    if (body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body->size()));
        headers = curl_slist_append(headers, ct.c_str());
    }
    if (!csrf.empty()) headers = curl_slist_append(headers, token.c_str());
    if (!cookie.empty()) headers = curl_slist_append(headers, cookie_header.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    HttpReply r;
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header_line);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r.headers);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        curl_easy_cleanup(h);
        throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    char* ctype = nullptr;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
    if (ctype) r.content_type = ctype;
    curl_easy_cleanup(h);
    auto cookie_seen = r.headers.find("set-cookie");
    const_cast<HttpClient*>(this)->set_cookie =
        cookie_seen == r.headers.end() ? std::string() : cookie_seen->second;
    return r;
}

HttpReply HttpClient::login(const std::string& email, const std::string& password) {
    cookie.clear();
    csrf.clear();
    HttpReply r = post("/api/v1/session", nlohmann::json{{"email", email}, {"password", password}});
    if (r.status == 200) {
        cookie = set_cookie.substr(0, set_cookie.find(';'));
        csrf = r.json()["csrf_token"];
    }
    return r;
}

HttpReply HttpClient::get(const std::string& path) const {
    return send("GET", path, nullptr, "");
}
HttpReply HttpClient::del(const std::string& path) const {
    return send("DELETE", path, nullptr, "");
}
HttpReply HttpClient::put(const std::string& path, const nlohmann::json& body) const {
    const std::string text = body.dump();
    return send("PUT", path, &text, "application/json");
}
HttpReply HttpClient::patch(const std::string& path, const nlohmann::json& body) const {
    const std::string text = body.dump();
    return send("PATCH", path, &text, "application/json");
}
HttpReply HttpClient::post(const std::string& path, const std::string& body,
                           const std::string& content_type) const {
    return send("POST", path, &body, content_type);
}

unsigned short free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        throw std::runtime_error("no free port");
    }
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

bool port_accepts(unsigned short port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    return ok;
}

pid_t start_process(std::vector<std::string> args, unsigned short port) {
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 0;
    for (int i = 0; i < 100; ++i) {
        if (port_accepts(port)) return pid;
        std::this_thread::sleep_for(std::chrono::milliseconds{100});
    }
    stop_process(pid);
    return 0;
}

void stop_process(pid_t& pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = 0;
}

} // namespace kd::testing
